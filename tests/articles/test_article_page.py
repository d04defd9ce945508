"""The public article page, as a reader sees it."""

import re

import pytest
from django.utils import timezone

from tests.factories import make_article, make_author, make_reference, make_topic

BODY = """## Background

Intro for everyone [@ref-b].

::: {audience="patient caregiver"}
Lay words only patients see.
:::

::: {audience="physician nurse"}
Clinical words only clinicians see.
:::

## Evidence

A trial found a benefit [@ref-c; @ref-a].
"""


def reference_numbers(html):
    """Keys of the reference list in order, read from the ids of its items."""
    return re.findall(r'<li id="ref-(\d+)"', html)


@pytest.fixture
def article(db):
    make_reference("ref-a", title="Guideline on knee pain", evidence="guideline", doi="10.1000/a", pmid="111")
    make_reference("ref-b", title="Background cohort", evidence="cohort")
    make_reference("ref-c", title="Withdrawn trial of injections", evidence="rct", retracted=True)
    return make_article(
        "knee-dose",
        title="What is the best dose for a knee injection?",
        summary="The best dose is about 100 million cells [@ref-a].",
        body=BODY,
        plain_summary_en="In short: a middle dose works best in small studies.",
        topics=[make_topic("orthopedics", name_en="Orthopaedics")],
        authors=[make_author("Dr Lena Hart", credentials_en="MD", affiliation_en="Example Hospital",
                             disclosure_en="No relevant financial relationships.")],
    )


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_question_answer_and_numbered_references_in_order(client, article):
    html = get(client, "/en/articles/knee-dose/")
    assert '<h1 id="article-title">What is the best dose for a knee injection?</h1>' in html
    assert "The best dose is about 100 million cells" in html
    # ref-a is cited first (in the summary), then ref-b, then ref-c.
    assert reference_numbers(html) == ["1", "2", "3"]
    references = html[html.index('class="reference-list"'):]
    assert references.index("Guideline on knee pain") < references.index("Background cohort")
    assert references.index("Background cohort") < references.index("Withdrawn trial of injections")
    assert 'href="#ref-1"' in html


def test_page_shows_evidence_badges_and_retraction_warning(client, article):
    html = get(client, "/en/articles/knee-dose/")
    assert 'class="badge badge--guideline">Guideline<' in html
    assert 'class="badge badge--cohort">Cohort study<' in html
    assert "This source has been retracted or withdrawn" in html


def test_page_shows_review_tracker_with_no_step_reached_and_the_caution(client, article):
    # Never submitted to the board (the review states are tested in tests/reviews/).
    html = get(client, "/en/articles/knee-dose/")
    assert 'aria-current="step"' not in html
    assert "Submitted" in html and "Under review" in html and "Approved" in html
    assert "Not yet submitted for medical review." in html
    assert "pending medical review" in html
    assert "Medical Advisory Board" in html


def test_page_shows_last_updated_date_and_editorial_policy_link(client, article):
    html = get(client, "/en/articles/knee-dose/")
    day = timezone.localtime(article.content_updated_at).date().isoformat()
    assert f'Last updated: <time datetime="{day}">' in html
    assert 'href="/en/editorial-policy/"' in html
    assert client.get("/en/editorial-policy/").status_code == 200


def test_page_shows_authors_with_credentials_affiliation_and_disclosure(client, article):
    html = get(client, "/en/articles/knee-dose/")
    assert "Dr Lena Hart" in html
    assert "MD" in html
    assert "Example Hospital" in html
    assert "No relevant financial relationships." in html


def test_lay_reader_gets_lay_blocks_plain_summary_and_plain_disclaimer(client, article):
    html = get(client, "/en/articles/knee-dose/", persona="patient")
    assert "Lay words only patients see." in html
    assert "Clinical words only clinicians see." not in html
    assert "In short: a middle dose works best" in html
    assert "is not medical advice" in html  # the patient persona's disclaimer
    assert "Disclaimer for health professionals" not in html


def test_clinician_gets_clinical_blocks_and_professional_disclaimer(client, article):
    html = get(client, "/en/articles/knee-dose/", persona="physician")
    assert "Clinical words only clinicians see." in html
    assert "Lay words only patients see." not in html
    assert "In short: a middle dose works best" not in html
    assert "Disclaimer for health professionals" in html
    assert "written for health professionals" in html


def test_page_has_table_of_contents_and_follow_up_box(client, article):
    html = get(client, "/en/articles/knee-dose/")
    toc = html[html.index('class="toc"'):html.index("</nav>", html.index('class="toc"'))]
    assert "Background" in toc and "Evidence" in toc
    assert "Have a follow-up question?" in html
    assert '<form class="follow-up-form" method="post"' in html[html.index("follow-up"):]  # no longer a placeholder


def test_page_varies_by_cookie_and_states_its_language(client, article):
    response = client.get("/en/articles/knee-dose/")
    assert "Cookie" in response["Vary"]
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_unpublished_articles_are_not_found(client, db, status):
    make_article("hidden", status=status)
    assert client.get("/en/articles/hidden/").status_code == 404


def test_article_with_a_future_publication_date_is_not_found(client, db):
    make_article("later", published_at=timezone.now() + timezone.timedelta(days=2))
    assert client.get("/en/articles/later/").status_code == 404


def test_unknown_article_gives_a_helpful_404(client, db):
    response = client.get("/en/articles/no-such-thing/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'href="/en/articles/"' in html


def test_the_language_switcher_of_an_unknown_address_leads_to_each_languages_home(client, db, settings):
    settings.DEBUG = False
    html = client.get("/en/nope/").content.decode()
    switcher = html[html.index('class="lang-switcher"'):]
    assert 'href="/zh-hans/articles/" lang="zh-hans"' in switcher
    html = client.get("/zh-hans/nope/").content.decode()
    switcher = html[html.index('class="lang-switcher"'):]
    assert 'href="/en/articles/" lang="en"' in switcher
    # An unknown article keeps its address in the other language (the route knows it).
    html = client.get("/en/articles/no-such-thing/").content.decode()
    assert 'href="/zh-hans/articles/no-such-thing/"' in html[html.index('class="lang-switcher"'):]


def test_chinese_page_renders_the_chinese_version(client, db):
    make_article("bilingual", title="Is rest best?", summary="Yes, mostly.",
                 title_zh_hans="休息是最好的吗？", summary_zh_hans="大多数情况下是的。")
    response = client.get("/zh-hans/articles/bilingual/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert '<h1 id="article-title">休息是最好的吗？</h1>' in html
    assert "大多数情况下是的。" in html
    assert 'class="article" lang="zh-hans"' in html
    assert "fallback-note" not in html
    assert response["Content-Language"] == "zh-hans"


def test_chinese_page_falls_back_to_english_with_a_note_and_lang(client, db):
    make_article("english-only", title="Is rest best?", summary="Yes, mostly.")
    response = client.get("/zh-hans/articles/english-only/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="article-title">Is rest best?</h1>' in html
    assert 'class="article" lang="en"' in html
    assert 'class="fallback-note" lang="zh-hans"' in html


def test_english_page_falls_back_to_chinese_with_a_visible_note(client, db):
    make_article("chinese-only", lang="zh-hans", title="休息是最好的吗？", summary="大多数情况下是的。")
    html = get(client, "/en/articles/chinese-only/")
    assert "休息是最好的吗？" in html
    assert 'class="article" lang="zh-hans"' in html
    assert "Not yet available in English; showing the Simplified Chinese original." in html


def test_language_switcher_links_to_the_same_article_and_persona(client, article):
    html = get(client, "/en/articles/knee-dose/", persona="nurse")
    assert 'href="/zh-hans/articles/knee-dose/?persona=nurse"' in html


def test_raw_html_in_the_text_is_not_rendered(client, db):
    make_article("xss", title="<script>alert(1)</script> question?", summary="<img src=x onerror=alert(1)>")
    html = get(client, "/en/articles/xss/")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


def test_root_redirects_by_accept_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/articles/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/articles/"
    assert "Accept-Language" in response["Vary"]


def test_language_home_redirects_to_the_index(client, db):
    response = client.get("/zh-hans/")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/articles/"


def test_glossary_terms_are_explained_to_lay_readers_only(client, db):
    from articles.models import GlossaryTerm

    GlossaryTerm.objects.create(term_en="osteoarthritis", lay_explanation_en="wear and tear of a joint")
    make_article("gloss", summary="Osteoarthritis of the knee is common.", body="More on osteoarthritis.")
    lay = get(client, "/en/articles/gloss/", persona="patient")
    assert '<dfn class="glossary-term"' in lay
    assert "wear and tear of a joint" in lay
    assert lay.count("wear and tear of a joint") == 1  # first use only
    clinical = get(client, "/en/articles/gloss/", persona="physician")
    assert "wear and tear of a joint" not in clinical


def test_fallback_page_states_both_languages(client, db):
    make_article("en-only-header", title="Is rest best?", summary="Yes, mostly.")
    response = client.get("/zh-hans/articles/en-only-header/")
    assert response["Content-Language"] == "zh-hans, en"


def test_text_that_no_longer_renders_is_shown_escaped_not_as_an_error(client, db):
    # Written around the admin's checks (e.g. by a script): a key missing from the library.
    make_article("broken", summary="Answer [@gone] <b>bold</b>.", body="Body [@gone].")
    html = get(client, "/en/articles/broken/")
    assert "Answer [@gone] &lt;b&gt;bold&lt;/b&gt;." in html
    assert "<p>Body [@gone].</p>" in html
