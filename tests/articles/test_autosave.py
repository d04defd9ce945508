"""Unsaved text is kept on the server per user and article, offered back, never the live text."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.editing import locking, versioning
from articles.models import Article, Autosave
from tests.articles.test_admin_article import form_data
from tests.factories import make_article

AUTOSAVE = reverse("admin:articles_article_autosave")
ADD = reverse("admin:articles_article_add")


@pytest.fixture
def article(db):
    return make_article(slug="knee", title="Which dose is best?", body="## Evidence\n\nStored text.\n")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave(client, article, **fields):
    response = client.post(AUTOSAVE, {"_workbench_article": article.pk if article else "", **fields})
    assert response.status_code == 200
    return response


def offered_values(response):
    html = response.content.decode()
    config = json.loads(re.search(r'<script id="workbench-config" type="application/json">(.*?)</script>', html, re.S)[1])
    return config.get("autosave", {}).get("values")


def test_autosave_keeps_the_typed_text_without_touching_the_article(editor_client, editor, article):
    revisions = versioning.revision_count(article)
    autosave(editor_client, article, body_en="## Evidence\r\n\r\nTyped, not saved.\r\n", slug="hacked", _language="en")
    article.refresh_from_db()
    assert article.body_en == "## Evidence\n\nStored text."
    assert article.slug == "knee"
    assert versioning.revision_count(article) == revisions
    stored = Autosave.objects.get(user=editor, article=article)
    assert stored.values == {"body_en": "## Evidence\n\nTyped, not saved."}  # text fields only, LF
    assert stored.language == "en"


def test_one_autosave_per_user_and_article_replaced_each_time(editor_client, article):
    autosave(editor_client, article, body_en="First.")
    autosave(editor_client, article, body_en="Second.")
    assert list(Autosave.objects.values_list("values", flat=True)) == [{"body_en": "Second."}]


def test_reopening_the_article_offers_the_unsaved_text(editor_client, article):
    autosave(editor_client, article, body_en="Typed before the browser crashed.")
    response = editor_client.get(change_url(article))
    html = response.content.decode()
    assert "You have unsaved text from" in html
    assert "Restore" in html and "Discard" in html
    assert offered_values(response) == {"body_en": "Typed before the browser crashed."}
    # The form itself still holds the stored text: restoring is the editor's choice.
    assert response.context["adminform"].form["body_en"].value() == "## Evidence\n\nStored text."


def test_unsaved_text_of_one_editor_is_not_offered_to_another(editor_client, chief_editor, article):
    autosave(editor_client, article, body_en="Mine.")
    other = Client()
    other.force_login(chief_editor)
    response = other.get(change_url(article))
    assert "You have unsaved text" not in response.content.decode()
    assert offered_values(response) is None


def test_autosave_equal_to_the_stored_text_is_not_offered(editor_client, article):
    autosave(editor_client, article, body_en="## Evidence\r\n\r\nStored text.\r\n")
    assert "You have unsaved text" not in editor_client.get(change_url(article)).content.decode()


def test_discard_deletes_the_unsaved_text(editor_client, article):
    autosave(editor_client, article, body_en="Typed.")
    response = editor_client.post(AUTOSAVE, {"_workbench_article": article.pk, "_discard": "1"})
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    assert not Autosave.objects.exists()
    assert "You have unsaved text" not in editor_client.get(change_url(article)).content.decode()


def test_a_successful_save_clears_the_autosave(editor_client, article):
    autosave(editor_client, article, body_en="Typed.")
    data = form_data(slug="knee", status="published", title_en="Which dose is best?",
                     summary_en="The best treatment is rest.", body_en="Saved now.",
                     base_revision=locking.token_for(article))
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body_en == "Saved now."
    assert not Autosave.objects.exists()


def test_a_refused_save_keeps_the_autosave(editor_client, article):
    autosave(editor_client, article, body_en="Typed.")
    data = form_data(slug="knee", status="published", title_en="Which dose is best?",
                     summary_en="Rest.", body_en="Bad [@nowhere].", base_revision=locking.token_for(article))
    assert editor_client.post(change_url(article), data).status_code == 200
    assert Autosave.objects.count() == 1


def test_the_text_of_a_new_article_is_kept_and_offered_on_the_add_form(editor_client, editor, db):
    autosave(editor_client, None, title_en="A question not yet saved?", body_en="Draft.")
    assert Autosave.objects.get(user=editor, article=None).values["title_en"] == "A question not yet saved?"
    response = editor_client.get(ADD)
    assert offered_values(response) == {"title_en": "A question not yet saved?", "body_en": "Draft."}
    assert not Article.objects.exists()
    editor_client.post(ADD, form_data())
    assert Article.objects.filter(slug="new-article").exists()
    assert not Autosave.objects.exists()


def test_translator_autosaves_the_translation_of_a_published_article(client, translator, article):
    client.force_login(translator)
    autosave(client, article, body_zh_hans="## 证据\r\n\r\n翻译中。")
    assert Autosave.objects.get(user=translator).values == {"body_zh_hans": "## 证据\n\n翻译中。"}
    article.refresh_from_db()
    assert article.body_zh_hans in ("", None)


def workbench_config(response):
    html = response.content.decode()
    return json.loads(re.search(r'<script id="workbench-config" type="application/json">(.*?)</script>', html, re.S)[1])


def test_restored_text_meets_what_another_editor_saved_since(editor_client, chief_editor, db):
    import reversion

    with reversion.create_revision():
        article = make_article(slug="knee", title="Which dose is best?", summary="Rest first.",
                               body="## Evidence\n\nStored text.\n", status="published")
    opened_on = locking.token_for(article)
    # The editor types a paragraph; the autosave keeps it with the revision it was typed on.
    autosave(editor_client, article, summary_en="Rest first.",
             body_en="## Evidence\n\nStored text.\n\nA paragraph typed, not saved.", base_revision=opened_on)
    assert Autosave.objects.get(article=article).base_revision == opened_on
    # Meanwhile another editor saves a new key answer.
    chief = Client()
    chief.force_login(chief_editor)
    theirs = form_data(slug="knee", status="published", title_en="Which dose is best?",
                       summary_en="Rest, then exercise.", body_en="## Evidence\n\nStored text.", base_revision=opened_on)
    assert chief.post(change_url(article), theirs).status_code == 302
    # The editor reopens the article: the unsaved text is offered with the revision it was typed on.
    offered = workbench_config(editor_client.get(change_url(article)))["autosave"]
    assert offered["baseRevision"] == opened_on
    # Restore (workbench.js puts the values and that revision in the form), then save.
    restored = form_data(slug="knee", status="published", title_en="Which dose is best?", **offered["values"],
                         base_revision=offered["baseRevision"])
    response = editor_client.post(change_url(article), restored)
    assert response.status_code == 200
    assert "Someone else saved this article while you were editing" in response.content.decode()
    article.refresh_from_db()
    assert article.summary_en == "Rest, then exercise."  # not silently undone
    # The form shows both edits combined; saving it keeps both.
    response = editor_client.post(change_url(article), response.context["adminform"].form.data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary_en == "Rest, then exercise."
    assert "A paragraph typed, not saved." in article.body_en
