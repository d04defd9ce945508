"""Public update notes: written in the article form, attached to the revision, shown to readers."""

import reversion
from reversion.models import Version

from articles.models import UpdateNote
from tests.articles.test_concurrent_edit import change_url, form_data_from
from tests.factories import make_article


def test_the_form_offers_a_note_per_language(editor_client, db):
    with reversion.create_revision():
        article = make_article(slug="knee")
    form = editor_client.get(change_url(article)).context["adminform"].form
    assert form.fields["update_note_en"].label == "Public update note (English)"
    assert form.fields["update_note_zh_hans"].label == "Public update note (Simplified Chinese)"


def test_a_note_is_attached_to_the_revision_and_shown_on_the_page(editor_client, editor):
    with reversion.create_revision():
        article = make_article(slug="knee", summary="Two injections.", title_zh_hans="几次？", summary_zh_hans="两次。")
    page = editor_client.get(change_url(article))
    data = form_data_from(
        page,
        summary_en="Three injections.",
        update_note_en="The dose advice changed after a new trial.",
        update_note_zh_hans="根据新试验更新了剂量建议。",
    )
    assert editor_client.post(change_url(article), data).status_code == 302

    note = UpdateNote.objects.get()
    newest = Version.objects.get_for_object(article).first()
    assert note.article == article and note.revision_id == newest.revision_id
    assert note.note_en == "The dose advice changed after a new trial."
    assert note.note_zh_hans == "根据新试验更新了剂量建议。"
    assert newest.revision.user == editor

    public = editor_client.get(article.get_absolute_url()).content.decode()
    assert "The dose advice changed after a new trial." in public


def test_no_note_no_update_note(editor_client, db):
    with reversion.create_revision():
        article = make_article(slug="knee")
    page = editor_client.get(change_url(article))
    assert editor_client.post(change_url(article), form_data_from(page, summary_en="Changed.")).status_code == 302
    assert not UpdateNote.objects.exists()
