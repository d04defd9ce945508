"""GET /api/v1/articles/<slug>?lang=&persona=: the text the page shows, for that language and
persona, with its references as CSL-JSON, its review state and its dates."""

import datetime
import io

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.factories import make_article, make_reference

BODY = """## For you

::: {audience="patient caregiver"}
Rest the knee and ask your doctor first.
:::

::: {audience="physician"}
Check the anticoagulation protocol [@smith-2024].
:::
"""


@pytest.fixture
def knee(db):
    make_reference("smith-2024", title="Cell dose and knee pain", doi="10.1000/knee.1", pmid="12345678")
    return make_article(
        "knee", title="Which dose is best?", summary="A high dose [@smith-2024].", body=BODY,
        plain_summary_en="Bigger doses seem to help more.",
    )


@pytest.fixture
def imported(editor):
    call_command("import_article", "demo/articles/msc-knee-dose.en.md", "demo/articles/msc-knee-dose.zh-hans.md",
                 "--user", "editor", stdout=io.StringIO())
    article = Article.objects.get(slug="msc-knee-dose")
    assert article.status == Article.Status.PUBLISHED
    return article


def test_physician_gets_the_physician_text_and_no_plain_summary(api_get, knee):
    body = api_get("/api/v1/articles/knee", lang="en", persona="physician")
    assert body["title"] == "Which dose is best?"
    assert body["persona"]["code"] == "physician"
    assert "anticoagulation protocol" in body["body_html"]
    assert "Rest the knee" not in body["body_html"]
    assert body["plain_summary_html"] is None
    assert body["toc"] == [{"id": "for-you", "text": "For you", "level": 2}]


def test_patient_gets_the_lay_text_and_the_plain_summary(api_get, knee):
    body = api_get("/api/v1/articles/knee", lang="en", persona="patient")
    assert "Rest the knee" in body["body_html"]
    assert "anticoagulation" not in body["body_html"]
    assert "Bigger doses seem to help more." in body["plain_summary_html"]


def test_without_persona_the_default_persona_is_used(api_get, knee, settings):
    assert api_get("/api/v1/articles/knee")["persona"]["code"] == settings.DEFAULT_PERSONA


def test_references_are_csl_json_in_citation_order(api_get, knee):
    body = api_get("/api/v1/articles/knee", persona="physician")
    (item,) = body["references"]
    assert item | {"author": None} == item | {
        "id": "smith-2024", "type": "article-journal", "title": "Cell dose and knee pain",
        "DOI": "10.1000/knee.1", "PMID": "12345678", "author": None,
    }
    assert 'href="#ref-1"' in body["key_answer_html"]


def test_unknown_persona_is_a_400_listing_the_personas(api_get, knee):
    body = api_get("/api/v1/articles/knee", status=400, persona="astronaut")
    assert body["detail"] == (
        "Unknown persona 'astronaut'; use one of: patient, caregiver, student, nurse, pharmacist, physician."
    )


def test_unknown_language_is_a_400(api_get, knee):
    assert api_get("/api/v1/articles/knee", status=400, lang="fr")["detail"].startswith("lang:")


def test_a_draft_is_not_found(api_get, db):
    make_article("secret", status="draft", title="Not ready")
    body = api_get("/api/v1/articles/secret", status=404)
    assert body["detail"] == "No published article with this address."


def test_an_unknown_slug_is_not_found(api_get, db):
    assert api_get("/api/v1/articles/nothing-here", status=404)["detail"] == "No published article with this address."


def test_english_only_article_asked_in_chinese_falls_back_with_a_flag(api_get, knee):
    body = api_get("/api/v1/articles/knee", lang="zh-hans")
    assert (body["lang"], body["content_lang"], body["is_fallback"]) == ("zh-hans", "en", True)
    assert body["title"] == "Which dose is best?"
    assert body["url"] == "http://testserver/zh-hans/articles/knee/"


def test_chinese_only_article_in_chinese(api_get, db):
    make_article("zh-only", lang="zh-hans", title="哪种剂量最好？", summary="较高剂量。")
    body = api_get("/api/v1/articles/zh-only", lang="zh-hans")
    assert (body["content_lang"], body["is_fallback"], body["languages"]) == ("zh-hans", False, ["zh-hans"])
    assert body["title"] == "哪种剂量最好？"


def test_an_imported_article_in_both_languages_and_all_personas(api_get, imported):
    for lang in ("en", "zh-hans"):
        for persona in ("patient", "caregiver", "student", "nurse", "pharmacist", "physician"):
            body = api_get("/api/v1/articles/msc-knee-dose", lang=lang, persona=persona)
            assert (body["content_lang"], body["is_fallback"]) == (lang, False)
            assert body["title"] == imported.text("title", lang)
            assert body["references"], "the demo article cites sources"
            assert body["languages"] == ["en", "zh-hans"]


def test_dates_and_review_state_before_approval(api_get, imported):
    body = api_get("/api/v1/articles/msc-knee-dose", lang="en")
    assert body["review"] | {"label": None} == {
        "state": "draft", "label": None, "changed_since_approval": False, "reviewed_by": [],
    }
    last_updated = datetime.datetime.fromisoformat(body["dates"]["last_updated"])
    assert abs(last_updated - imported.text_updated_at("en")) < datetime.timedelta(milliseconds=1)
    assert body["dates"] | {"last_updated": None} == {
        "last_updated": None, "last_reviewed": None, "next_review_due": None, "literature_reviewed_through": None,
    }
