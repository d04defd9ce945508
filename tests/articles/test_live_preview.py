"""The live preview: the text as typed, rendered as the public page renders it, never saved."""

import pytest
from django.urls import reverse

from articles.editing import versioning
from articles.models import Article
from tests.articles.test_admin_article import form_data
from tests.factories import make_article, make_reference

PREVIEW = reverse("admin:articles_article_live_preview")

BODY = """## Evidence

Most trials found less pain [@smith2024].

::: {audience="patient caregiver"}
Rest the knee for two days.
:::

::: {audience="physician"}
Check the anticoagulation protocol.
:::
"""


@pytest.fixture
def article(db):
    make_reference("smith2024", title="Knee injections in adults")
    return make_article(slug="knee", title="Which dose is best?", summary="A middle dose [@smith2024].", body=BODY)


def _preview(client, article, lang="en", persona="patient", **texts):
    data = {"_workbench_article": article.pk if article else "", "_preview_lang": lang, "_preview_persona": persona}
    data.update(texts)
    response = client.post(PREVIEW, data)
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("persona", ["patient", "physician"])
def test_preview_shows_the_same_article_html_as_the_public_page(editor_client, article, persona):
    page = editor_client.get(f"/en/articles/knee/?persona={persona}").context["page"]
    data = _preview(editor_client, article, persona=persona)
    assert str(page.body_html) in data["html"]
    assert str(page.summary_html) in data["html"]
    assert ("Rest the knee" in data["html"]) == (persona == "patient")
    assert ("anticoagulation" in data["html"]) == (persona == "physician")


def test_preview_renders_the_typed_text_in_the_chosen_language_not_the_stored_one(editor_client, article):
    data = _preview(
        editor_client, article, lang="zh-hans",
        title_zh_hans="哪种剂量最好？", summary_zh_hans="中等剂量 [@smith2024]。", body_zh_hans="## 证据\n\n多数试验 [@smith2024]。\n",
    )
    assert data["lang"] == "zh-hans"
    assert "哪种剂量最好？" in data["html"]
    assert 'lang="zh-hans"' in data["html"]
    assert "Knee injections in adults" in data["html"]  # the reference list


def test_problems_come_back_with_their_field_and_line_while_typing(editor_client, article):
    typed = "## Evidence\r\n\r\nFirst.\r\n\r\nA claim [@no-such-key].\r\n\r\n::: {audience=\"astronaut\"}\r\nHi\r\n:::\r\n"
    data = _preview(editor_client, article, body_en=typed)
    problems = [(p["field"], p["line"]) for p in data["problems"]]
    assert ("body_en", 5) in problems
    assert ("body_en", 7) in problems
    messages = " ".join(p["message"] for p in data["problems"])
    assert "no-such-key" in messages and "astronaut" in messages
    assert data["problems"][0]["label"] == "English, body"


def test_preview_never_saves_the_text_nor_makes_a_revision(editor_client, article):
    revisions = versioning.revision_count(article)
    _preview(editor_client, article, body_en="Completely new text.")
    article.refresh_from_db()
    assert article.body_en == BODY.strip()
    assert versioning.revision_count(article) == revisions


def test_preview_is_not_cached_between_two_texts(editor_client, article):
    first = _preview(editor_client, article, body_en="One version.")
    second = _preview(editor_client, article, body_en="Another version.")
    assert "One version." in first["html"] and "Another version." in second["html"]


def test_preview_of_a_new_article(editor_client, article):
    data = _preview(editor_client, None, title_en="A new question?", summary_en="Yes [@smith2024].", body_en="Text.")
    assert "A new question?" in data["html"]
    assert data["problems"] == []
    assert Article.objects.count() == 1


def test_readability_of_the_typed_lay_text_comes_with_the_preview(editor_client, article):
    data = _preview(editor_client, article, plain_summary_en="Rest helps. Ask your doctor. It is safe.")
    assert data["readability"]["en"].startswith("English: grade")
    assert "no text to measure" in data["readability"]["zh-hans"]


def test_preview_button_shows_the_form_again_with_the_preview_and_saves_nothing(editor_client, article):
    from articles.editing import locking

    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(
        slug="knee", status="published", title_en="Which dose is best?", summary_en="A middle dose [@smith2024].",
        body_en="## Evidence\r\n\r\nTyped but not saved [@smith2024].\r\n", base_revision=locking.token_for(article),
        _preview="1", _preview_lang="en", _preview_persona="patient",
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Typed but not saved" in html  # in the text area and in the preview
    assert html.count("Typed but not saved") >= 2
    assert "Please correct" not in html
    assert "Preview only" not in html
    article.refresh_from_db()
    assert "Typed but not saved" not in article.body_en


def test_preview_button_shows_problems_with_their_line(editor_client, article):
    from articles.editing import locking

    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(
        slug="knee", status="published", title_en="Which dose is best?", summary_en="Fine.",
        body_en="One.\r\n\r\nBad [@missing-key].\r\n", base_revision=locking.token_for(article), _preview="1",
    )
    html = editor_client.post(url, data).content.decode()
    assert "missing-key" in html
    assert "line 3" in html

