"""Reverting to a revision and recovering deleted articles and references."""

import re

import pytest
import reversion
from django.urls import reverse
from reversion.models import Revision, Version

from articles.models import Article, Authorship, Citation, UpdateNote
from references.models import Reference
from tests.articles.imported_article import import_bilingual_article
from tests.articles.test_concurrent_edit import change_url, form_data_from
from tests.factories import make_article, make_author, make_reference, make_topic

TEXT_FIELDS = [f"{name}_{lang}" for name in ("title", "summary", "body", "plain_summary") for lang in ("en", "zh_hans")]


def revert_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


@pytest.fixture
def edited(editor):
    """An article with two revisions: everything (text, topics, authors) differs between them."""
    topic_a, topic_b = make_topic(slug="knee"), make_topic(slug="hip")
    author_a, author_b = make_author(name="Dr A"), make_author(name="Dr B")
    with reversion.create_revision():
        article = make_article(
            slug="cells", title="How many cells?", summary="1.0×10^8 cells.", body="## Dose\n\nOne dose.",
            plain_summary="A lot of cells.", title_zh_hans="多少细胞？", summary_zh_hans="1.0×10^8个细胞。",
            body_zh_hans="## 剂量\n\n一次。", plain_summary_zh_hans="很多细胞。", topics=[topic_a], authors=[author_a],
        )
        reversion.set_user(editor)
        reversion.set_comment("First draft")
    original = {name: getattr(article, name) for name in TEXT_FIELDS}
    with reversion.create_revision():
        for name in TEXT_FIELDS:
            setattr(article, name, getattr(article, name) + " (changed)")
        article.save()
        article.topics.set([topic_b])
        article.authorships.all().delete()
        Authorship.objects.create(article=article, author=author_b, position=0)
        reversion.add_to_revision(article)
        reversion.set_user(editor)
        reversion.set_comment("Second draft")
    first = Version.objects.get_for_object(article).order_by("pk").first()
    return article, first, original, topic_a, author_a


def test_revert_restores_every_field_language_topic_and_author_in_one_new_revision(editor_client, edited):
    article, first, original, topic_a, author_a = edited
    page = editor_client.get(revert_url(article, first))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="revert-diff"' in html and "/history/compare/?a=" in html  # what reverting changes
    assert Article.objects.get(pk=article.pk).summary_en.endswith("(changed)")  # GET changes nothing

    revisions = Revision.objects.count()
    response = editor_client.post(revert_url(article, first), form_data_from(page))
    assert response.status_code == 302
    assert Revision.objects.count() == revisions + 1

    article = Article.objects.get(pk=article.pk)
    assert {name: getattr(article, name) for name in TEXT_FIELDS} == original
    assert list(article.topics.all()) == [topic_a]
    assert [a.author for a in article.authorships.all()] == [author_a]
    newest = Version.objects.get_for_object(article).first()
    comment = newest.revision.get_comment()
    assert comment.startswith(f"Restored revision {first.revision_id} of ") and comment.endswith(" by editor")
    assert newest.revision.user.username == "editor"


@pytest.mark.parametrize("who", ["board_member", "outsider"])
def test_revert_needs_change_permission(client, edited, request, who):
    article, first, *_ = edited
    client.force_login(request.getfixturevalue(who))
    # Board members (view only) go back to the history with a message; outsiders to the login.
    where = reverse("admin:articles_article_history", args=[article.pk]) if who == "board_member" else "/login/"
    for response in (client.get(revert_url(article, first)), client.post(revert_url(article, first), {})):
        assert response.status_code == 302
        assert where in response["Location"]
    assert Article.objects.get(pk=article.pk).summary_en.endswith("(changed)")


def test_revert_refuses_a_version_of_another_object(editor_client, edited):
    article, *_ = edited
    other = make_article(slug="other")
    with reversion.create_revision():
        other.save()
    foreign = Version.objects.get_for_object(other).first()
    assert editor_client.get(revert_url(article, foreign)).status_code == 404


def test_a_deleted_article_is_recovered_with_its_history(client, chief_editor, edited):
    article, first, original, *_ = edited
    client.force_login(chief_editor)
    pk, versions = article.pk, Version.objects.get_for_object(article).count()
    response = client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302 and not Article.objects.filter(pk=pk).exists()

    listing = client.get(reverse("admin:articles_article_recoverlist"))
    assert listing.status_code == 200
    deleted = Version.objects.get_deleted(Article).get()
    recover_url = reverse("admin:articles_article_recover", args=[deleted.pk])
    assert recover_url in listing.content.decode()

    page = client.get(recover_url)
    assert page.status_code == 200
    assert client.post(recover_url, form_data_from(page)).status_code == 302

    article = Article.objects.get(pk=pk)
    assert all(getattr(article, name).endswith(" (changed)") for name in TEXT_FIELDS)
    assert article.title_zh_hans == original["title_zh_hans"] + " (changed)"
    assert Version.objects.get_for_object(article).count() == versions + 1
    newest = Version.objects.get_for_object(article).first()
    assert newest.revision.get_comment().startswith("Recovered after deletion, from revision ")
    history = client.get(reverse("admin:articles_article_history", args=[pk])).content.decode()
    assert "First draft" in history and "Second draft" in history


def test_recover_refuses_a_version_of_another_model(client, chief_editor, db):
    reference = make_reference(key="gone")
    with reversion.create_revision():
        reference.save()
    version = Version.objects.get_for_object(reference).get()
    client.force_login(chief_editor)
    assert client.get(reverse("admin:articles_article_recover", args=[version.pk])).status_code == 404


def test_a_deleted_reference_is_recovered(client, chief_editor, db):
    client.force_login(chief_editor)
    reference = make_reference(key="smith-2024", title="Knee cells")
    change = reverse("admin:references_reference_change", args=[reference.pk])
    assert client.post(change, form_data_from(client.get(change), title="Knee cells, a trial")).status_code == 302
    delete = reverse("admin:references_reference_delete", args=[reference.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Reference.objects.filter(key="smith-2024").exists()
    deleted = Version.objects.get_deleted(Reference).get()
    recover_url = reverse("admin:references_reference_recover", args=[deleted.pk])
    assert client.post(recover_url, form_data_from(client.get(recover_url))).status_code == 302
    assert Reference.objects.get(key="smith-2024").title == "Knee cells, a trial"


# --- what belongs to an article besides its own fields: notes, translation state, citations ---


def _admin_edit(client, article, **changes):
    page = client.get(change_url(article))
    response = client.post(change_url(article), form_data_from(page, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return Article.objects.get(pk=article.pk)


def _ms(moment):
    """Versions store times to the millisecond (Django's JSON serializer)."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000) if moment else None


def _translation_state(article):
    return {lv.language: (_ms(lv.text_changed_at), _ms(lv.source_changed_at)) for lv in article.language_versions.all()}


def _citations(article):
    return sorted(Citation.objects.filter(article=article).values_list("reference__key", "language", "number"))


def _queue_rows(client):
    html = client.get(reverse("admin:articles_translationtask_changelist")).content.decode()
    return sorted(re.findall(r'class="translation-task translation-(\w+)" data-article="knee-cells" '
                             r'data-language="([\w-]+)"', html))


def _notes_shown(client, lang):
    html = client.get(f"/{lang}/articles/knee-cells/").content.decode()
    section = re.search(r'<section class="update-notes".*?</section>', html, re.S)
    return section.group(0) if section else ""


def test_a_recovered_imported_article_has_its_notes_translation_state_and_citations(
    client, editor, chief_editor, tmp_path
):
    article = import_bilingual_article(tmp_path, "editor")
    client.force_login(editor)
    article = _admin_edit(
        client, article, summary_en="One injection of 1.0×10^8 cells at most [@msc-dose-2025].",
        update_note_en="The dose is now a maximum, after the 2025 trial.",
    )
    # The newest revision's own note (it is created after the revision's versions are stored).
    article = _admin_edit(
        client, article, body_en="## Dose\n\nA single injection [@msc-dose-2025].",
        update_note_en="We removed the safety comparison.", update_note_zh_hans="我们删除了安全性比较。",
    )
    client.force_login(chief_editor)
    states, citations = _translation_state(article), _citations(article)
    queue = _queue_rows(client)
    assert queue == [("stale", "zh-hans")]  # English changed after the Chinese was imported
    assert len(citations) == 3

    pk = article.pk
    assert client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(Article).get()
    recover_url = reverse("admin:articles_article_recover", args=[deleted.pk])
    assert recover_url in client.get(reverse("admin:articles_article_recoverlist")).content.decode()
    assert client.post(recover_url, form_data_from(client.get(recover_url))).status_code == 302

    article = Article.objects.get(pk=pk)
    english, chinese = _notes_shown(client, "en"), _notes_shown(client, "zh-hans")
    assert "The dose is now a maximum, after the 2025 trial." in english
    assert "We removed the safety comparison." in english
    assert "我们删除了安全性比较。" in chinese
    assert _queue_rows(client) == queue  # not "Missing": the same state as before the deletion
    assert _translation_state(article) == states  # the original dates
    assert _citations(article) == citations
    assert {note.revision_id for note in UpdateNote.objects.filter(article=article)} == {
        v.revision_id for v in Version.objects.get_for_object(article).order_by("-pk")[1:3]
    }


def test_revert_restores_the_translation_state_of_that_revision(client, editor, tmp_path):
    article = import_bilingual_article(tmp_path, "editor")
    imported, states = Version.objects.get_for_object(article).get(), _translation_state(article)
    client.force_login(editor)
    assert _queue_rows(client) == []  # both languages imported together: the Chinese is current
    article = _admin_edit(
        client, article, summary_en="Two injections of 5.0×10^7 cells [@msc-dose-2025].",
        update_note_en="The advice is now two smaller injections.",
    )
    assert _queue_rows(client) == [("stale", "zh-hans")]

    page = client.get(revert_url(article, imported))
    assert client.post(revert_url(article, imported), form_data_from(page)).status_code == 302

    article = Article.objects.get(pk=article.pk)
    assert article.summary_en == "One injection of 1.0×10^8 cells [@msc-dose-2025]."
    assert _translation_state(article) == states
    assert _queue_rows(client) == []
    # The note told of the edit the revert undid: withdrawn (test_revert_withdraws_undone_notes.py).
    assert "The advice is now two smaller injections." not in _notes_shown(client, "en")


def test_reverting_to_a_revision_without_translation_state_keeps_every_language(client, editor, tmp_path):
    """Revisions saved before translation state was kept in history do not make languages "Missing"."""
    article = import_bilingual_article(tmp_path, "editor")
    imported = Version.objects.get_for_object(article).get()
    imported.revision.version_set.filter(content_type__model="languageversion").delete()
    client.force_login(editor)
    article = _admin_edit(client, article, summary_en="Two injections [@msc-dose-2025].")

    page = client.get(revert_url(article, imported))
    assert client.post(revert_url(article, imported), form_data_from(page)).status_code == 302

    article = Article.objects.get(pk=article.pk)
    assert sorted(_translation_state(article)) == ["en", "zh-hans"]
    assert ("missing", "en") not in _queue_rows(client) and ("missing", "zh-hans") not in _queue_rows(client)


def test_restoring_a_revision_a_command_made_names_nobody(editor_client, db):
    # A command (load_demo, an import script) saves revisions without a user: the revert's
    # comment does not call their author "unknown user" (the history lists no user for them).
    with reversion.create_revision():
        article = make_article(slug="by-command", summary="One dose.")
    by_command = Version.objects.get_for_object(article).get()
    assert by_command.revision.user is None
    _admin_edit(editor_client, article, summary_en="Two doses.")
    page = editor_client.get(revert_url(article, by_command))
    assert editor_client.post(revert_url(article, by_command), form_data_from(page)).status_code == 302

    comment = Version.objects.get_for_object(article).first().revision.get_comment()
    assert re.fullmatch(rf"Restored revision {by_command.revision_id} of .+ \d\d:\d\d:\d\d", comment), comment
    assert "unknown" not in comment
