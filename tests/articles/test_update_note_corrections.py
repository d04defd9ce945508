"""A published update note can be corrected or withdrawn; the history keeps what it said."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles.editing import versioning
from articles.models import UpdateNote
from tests.articles.test_concurrent_edit import change_url, form_data_from
from tests.factories import make_article


@pytest.fixture
def note(editor_client):
    with reversion.create_revision():
        article = make_article(slug="knee", summary="Two injections.")
    data = form_data_from(editor_client.get(change_url(article)), summary_en="Three injections.",
                          update_note_en="The dose advise changed.")
    assert editor_client.post(change_url(article), data).status_code == 302
    return UpdateNote.objects.get()


def note_url(note):
    return reverse("admin:articles_updatenote_change", args=[note.pk])


def test_editor_corrects_a_note_and_the_history_keeps_the_old_wording(editor_client, note):
    article = note.article
    revisions = versioning.revision_count(article)
    form = editor_client.get(change_url(article)).content.decode()
    assert f'href="{note_url(note)}"' in form  # offered from the article form

    response = editor_client.post(note_url(note), {"note_en": "The dose advice changed.", "note_zh_hans": ""})
    assert response.status_code == 302
    page = editor_client.get("/en/articles/knee/").content.decode()
    assert "The dose advice changed." in page and "advise" not in page

    assert versioning.revision_count(article) == revisions + 1
    newest = Version.objects.get_for_object(article).first().revision
    assert "corrected" in newest.get_comment()
    old_wordings = [v.field_dict["note_en"] for v in Version.objects.get_for_model(UpdateNote)]
    assert "The dose advise changed." in old_wordings


def test_a_withdrawn_note_disappears_from_the_page_and_stays_in_the_history(editor_client, note):
    response = editor_client.post(note_url(note), {"note_en": note.note_en, "note_zh_hans": "", "withdrawn": "on"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.withdrawn_at is not None
    page = editor_client.get("/en/articles/knee/").content.decode()
    assert "The dose advise changed." not in page
    assert "What changed" not in page
    newest = Version.objects.get_for_object(note.article).first().revision
    assert "withdrawn" in newest.get_comment()
    assert "(withdrawn)" in editor_client.get(change_url(note.article)).content.decode()


@pytest.mark.parametrize("role", ["translator", "board_member"])
def test_only_who_may_change_metadata_corrects_notes(client, request, note, role):
    client.force_login(request.getfixturevalue(role))
    response = client.post(note_url(note), {"note_en": "Rewritten.", "note_zh_hans": "", "withdrawn": "on"})
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.note_en == "The dose advise changed." and note.withdrawn_at is None
    if role == "translator":
        assert note_url(note) not in client.get(change_url(note.article)).content.decode()


def test_notes_cannot_be_added_or_deleted_here(editor_client, note):
    assert editor_client.get(reverse("admin:articles_updatenote_add")).status_code == 403
    assert editor_client.post(reverse("admin:articles_updatenote_delete", args=[note.pk]), {"post": "yes"}).status_code == 403
    assert UpdateNote.objects.count() == 1


def test_chief_editor_deleting_an_article_deletes_its_notes_but_not_a_note_alone(client, chief_editor, note):
    client.force_login(chief_editor)
    assert client.post(reverse("admin:articles_updatenote_delete", args=[note.pk]), {"post": "yes"}).status_code == 403
    assert UpdateNote.objects.count() == 1
    response = client.post(reverse("admin:articles_article_delete", args=[note.article_id]), {"post": "yes"})
    assert response.status_code == 302
    assert not UpdateNote.objects.exists()
