"""What readers see of the review of the exact text shown: the tracker, "Medically reviewed by",
the review dates, the caution, and the page data (lastReviewed, reviewedBy) — on a PUBLISHED
article that came from an import, and on a Chinese-only article."""

import datetime
import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article
from reviews.models import Review
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history, make_board_member, save_as

SCRIPT_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    scripts = SCRIPT_RE.findall(html)
    assert len(scripts) == 1
    return html, json.loads(scripts[0])


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def current_steps(html):
    return re.findall(r'aria-current="step">\s*<span[^>]*>[^<]*</span>\s*<span class="review-step__label">([^<]+)<',
                      html)


@pytest.fixture
def imported(editor):
    call_command("import_article", "demo/articles/msc-knee-dose.en.md", "demo/articles/msc-knee-dose.zh-hans.md",
                 "--user", "editor", stdout=io.StringIO())
    article = Article.objects.get(slug="msc-knee-dose")
    assert article.status == Article.Status.PUBLISHED
    return article


def approve(article, lang, *reviewers, editor=None):
    from django.contrib.auth.models import User

    workflow.submit(article, lang, editor or User.objects.get(username="editor"))
    for reviewer in reviewers:
        workflow.approve(article, lang, reviewer)


def test_before_approval_the_page_says_so_and_has_no_review_data(client, imported):
    html, data = page(client, "/en/articles/msc-knee-dose/")
    assert "pending medical review" in html
    assert "Medically reviewed by" not in html
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_a_submitted_text_shows_submitted_as_the_current_step(client, imported, editor):
    workflow.submit(imported, "en", editor)
    html, _data = page(client, "/en/articles/msc-knee-dose/")
    assert current_steps(html) == ["Submitted"]
    assert "pending medical review" in html


def test_after_approval_english_readers_see_who_reviewed_it_and_when(client, imported, reviewer):
    approve(imported, "en", reviewer)
    review = Review.objects.get(language="en")
    html, data = page(client, "/en/articles/msc-knee-dose/")
    text = text_of(html)
    assert "Medically reviewed by Dr Mei Lin, MD, PhD" in text
    assert f'href="/en/board/#member-{reviewer.pk}"' in html
    assert "pending medical review" not in html
    assert current_steps(html) == []
    assert html.count("review-step--done") == 3
    day = timezone.localdate(review.approved_at)
    assert f"Last reviewed: {date_format(day, 'DATE_FORMAT')}" in text
    assert f"Next review due: {date_format(review.next_review_due, 'DATE_FORMAT')}" in text
    assert "review overdue" not in text
    assert data["lastReviewed"] == day.isoformat()
    assert data["reviewedBy"] == [{
        "@type": "Person", "name": "Dr Mei Lin", "honorificSuffix": "MD, PhD",
        "url": f"http://testserver/en/board/#member-{reviewer.pk}",
    }]


def test_chinese_readers_see_the_chinese_credentials_and_date(client, imported, reviewer):
    approve(imported, "zh-hans", reviewer)
    review = Review.objects.get(language="zh-hans")
    html, data = page(client, "/zh-hans/articles/msc-knee-dose/")
    assert f'<a href="/zh-hans/board/#member-{reviewer.pk}">Dr Mei Lin</a>，' in html
    assert "医学博士" in text_of(html)
    day = timezone.localdate(review.approved_at)
    assert f"{day.year}年{day.month}月{day.day}日" in html
    assert data["reviewedBy"][0]["honorificSuffix"] == "医学博士"
    assert data["inLanguage"] == "zh-hans"


def test_approving_english_leaves_the_chinese_page_pending(client, imported, reviewer):
    approve(imported, "en", reviewer)
    html, data = page(client, "/zh-hans/articles/msc-knee-dose/")
    assert "Medically reviewed by" not in html
    assert "lastReviewed" not in data


def test_an_edit_after_approval_brings_the_caution_back(client, imported, reviewer, editor):
    approve(imported, "en", reviewer)
    save_as(editor, imported, summary_en=imported.summary_en + " Ask your doctor.")
    html, data = page(client, "/en/articles/msc-knee-dose/")
    assert "pending medical review" in html
    assert "Changed since its last medical review" in html
    assert "Medically reviewed by" not in html
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_two_approvers_are_two_people(settings, client, imported, reviewer, second_reviewer):
    settings.REVIEW_QUORUM = 2
    approve(imported, "en", reviewer)
    _html, data = page(client, "/en/articles/msc-knee-dose/")
    assert "reviewedBy" not in data
    workflow.approve(imported, "en", second_reviewer)
    html, data = page(client, "/en/articles/msc-knee-dose/")
    assert [p["name"] for p in data["reviewedBy"]] == ["Dr Mei Lin", "Dr Sam Okafor"]
    assert "Dr Mei Lin, MD, PhD; Dr Sam Okafor, MBBS" in text_of(html)


def test_a_reviewer_without_profile_is_named_by_full_name_without_credentials(client, imported):
    approve(imported, "en", make_board_member("plain", profile=False, first_name="Ada", last_name="Park"))
    html, data = page(client, "/en/articles/msc-knee-dose/")
    assert "Medically reviewed by Ada Park" in text_of(html)
    assert data["reviewedBy"][0]["name"] == "Ada Park"
    assert "honorificSuffix" not in data["reviewedBy"][0]


def test_a_reviewer_without_a_name_is_never_shown_by_login_name(client, imported):
    approve(imported, "en", make_board_member("login-only", profile=False))
    html, data = page(client, "/en/articles/msc-knee-dose/")
    assert "Medically reviewed by Medical Advisory Board member" in text_of(html)
    assert "login-only" not in html
    assert data["reviewedBy"][0]["name"] == "Medical Advisory Board member"
    assert 'href="/en/board/"' in html  # the board page, which does not list them by anchor


def test_a_review_past_its_due_date_is_marked_overdue(client, imported, reviewer):
    approve(imported, "en", reviewer)
    Review.objects.filter(language="en").update(next_review_due=timezone.localdate() - datetime.timedelta(days=1))
    html, data = page(client, "/en/articles/msc-knee-dose/")
    assert "review overdue" in html
    assert "lastReviewed" in data


def test_a_chinese_only_article_shows_the_state_of_its_chinese_text_on_both_pages(client, editor):
    article = make_article_with_history(editor, slug="zh-only", lang="zh-hans", title="膝关节注射安全吗？",
                                        summary="总体安全。", status="published")
    chinese_reader = make_board_member("chinese", languages="zh-hans", display_name="王医生",
                                       credentials_en="", credentials_zh_hans="主任医师")
    workflow.submit(article, "zh-hans", editor)
    workflow.approve(article, "zh-hans", chinese_reader)
    for url in ("/zh-hans/articles/zh-only/", "/en/articles/zh-only/"):
        html, data = page(client, url)
        assert data["inLanguage"] == "zh-hans"
        assert data["reviewedBy"][0] == {"@type": "Person", "name": "王医生", "honorificSuffix": "主任医师",
                                         "url": data["reviewedBy"][0]["url"]}
        assert "pending medical review" not in html
    html, _data = page(client, "/en/articles/zh-only/")
    assert "Not yet available in English" in html
    assert "Medically reviewed by" in html
    assert '<span class="reviewed-by__credentials" lang="zh-hans">主任医师</span>' in html
