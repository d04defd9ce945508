"""The page's machine-readable data (docs/article-format.md, "Machine-readable page data")."""

import json
import re

import pytest

from articles.public.page import jsonld_script
from tests.factories import make_article, make_reference

SCRIPT_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    scripts = SCRIPT_RE.findall(response.content.decode())
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture
def article(db):
    make_reference("first", title="First source", doi="10.1000/first", pmid="12345", url="")
    make_reference("second", title="Second source", doi="", pmid="", url="https://example.org/second")
    make_reference("third", title="Third source", doi="10.1000/third", pmid="")
    return make_article(
        "ld-article",
        title="Does it work?",
        summary="It works [@second].",
        body="## Evidence\n\nTrials [@third; @first].\n",
    )


def test_page_has_one_medical_web_page_with_the_required_keys(client, article):
    data = jsonld(client, "/en/articles/ld-article/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == "Does it work?"
    assert data["inLanguage"] == "en"
    assert data["url"] == "http://testserver/en/articles/ld-article/"
    article.refresh_from_db()
    assert data["dateModified"] == article.content_updated_at.isoformat()


def test_citations_follow_the_reference_list_with_identifiers(client, article):
    data = jsonld(client, "/en/articles/ld-article/")
    # Numbered by first citation: the summary's, then left to right in the body.
    assert [c["name"] for c in data["citation"]] == ["Second source", "Third source", "First source"]
    assert all(c["@type"] == "CreativeWork" for c in data["citation"])
    second, third, first = data["citation"]
    assert first["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1000/first"},
        {"@type": "PropertyValue", "propertyID": "PMID", "value": "12345"},
    ]
    assert first["url"] == "https://doi.org/10.1000/first"
    assert "identifier" not in second
    assert second["url"] == "https://example.org/second"
    assert third["identifier"] == [{"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1000/third"}]


def test_no_review_data_before_approval(client, article):
    data = jsonld(client, "/en/articles/ld-article/")
    assert "lastReviewed" not in data
    assert "reviewedBy" not in data


@pytest.mark.parametrize(
    "persona, audience",
    [
        ("patient", {"@type": "Patient"}),
        ("caregiver", {"@type": "PeopleAudience", "audienceType": "Caregiver or family member"}),
        ("physician", {"@type": "MedicalAudience", "audienceType": "Clinician"}),
        ("nurse", {"@type": "MedicalAudience", "audienceType": "Clinician"}),
    ],
)
def test_audience_is_the_persona_shown(client, article, persona, audience):
    data = jsonld(client, f"/en/articles/ld-article/?persona={persona}")
    assert data["audience"] == audience


def test_chinese_page_data_is_in_chinese(client, db):
    make_article("zh-ld", lang="zh-hans", title="有效吗？", summary="有效。")
    data = jsonld(client, "/zh-hans/articles/zh-ld/")
    assert data["inLanguage"] == "zh-hans"
    assert data["name"] == "有效吗？"
    assert data["citation"] == []


def test_a_title_cannot_close_the_script_element(client, db):
    make_article("evil", title='</script><script>alert("x")</script> & more?', summary="Fine.")
    response = client.get("/en/articles/evil/")
    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    data = jsonld(client, "/en/articles/evil/")
    assert data["name"] == '</script><script>alert("x")</script> & more?'


def test_jsonld_script_escapes_markup_characters():
    out = str(jsonld_script({"name": "a</script>b&c"}))
    assert out.count("</script>") == 1
    assert "\\u003C/script\\u003E" in out
    assert "\\u0026" in out
