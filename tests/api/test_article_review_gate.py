"""The API shows the same text, review state and dates as the page, under both REVIEW_GATE
settings: the reviewed text with its reviewers and review dates, or the latest with its state."""

import datetime

import pytest
from django.utils import timezone

from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history, make_board_member, save_as


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def article(editor):
    """Published in both languages; the English text approved, then edited."""
    reviewer = make_board_member("reviewer", display_name="Dr Mei Lin", credentials_en="MD, PhD")
    article = make_article_with_history(
        editor, slug="gate", status="published", title="Does rest help?", summary="Yes, rest for two days.",
        title_zh_hans="休息有用吗？", summary_zh_hans="有用，休息两天。",
    )
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    return article


def test_approved_text_has_its_reviewers_and_review_dates(api_get, article):
    body = api_get("/api/v1/articles/gate", lang="en")
    assert body["review"]["state"] == "approved"
    assert body["review"]["reviewed_by"] == [{"name": "Dr Mei Lin", "credentials": "MD, PhD"}]
    today = timezone.localdate()
    assert body["dates"]["last_reviewed"] == today.isoformat()
    assert datetime.date.fromisoformat(body["dates"]["next_review_due"]) > today


def test_by_default_an_edit_after_approval_shows_with_its_pending_state(api_get, article, editor):
    save_as(editor, article, summary_en="Yes, rest for a week.")
    body = api_get("/api/v1/articles/gate", lang="en")
    assert "rest for a week" in body["key_answer_html"]
    assert (body["review"]["state"], body["review"]["changed_since_approval"]) == ("submitted", True)
    assert body["review"]["reviewed_by"] == [] and body["dates"]["last_reviewed"] is None


def test_under_the_approval_gate_the_api_returns_the_approved_text(api_get, article, editor, settings):
    settings.REVIEW_GATE = "approval"
    save_as(editor, article, summary_en="Yes, rest for a week.")
    body = api_get("/api/v1/articles/gate", lang="en")
    assert "rest for two days" in body["key_answer_html"]
    assert body["review"]["state"] == "approved"


def test_under_the_approval_gate_an_unapproved_language_falls_back(api_get, article, settings):
    settings.REVIEW_GATE = "approval"
    body = api_get("/api/v1/articles/gate", lang="zh-hans")
    assert (body["content_lang"], body["is_fallback"], body["languages"]) == ("en", True, ["en"])
    assert "休息两天" not in body["key_answer_html"]
    listed = api_get("/api/v1/articles", lang="zh-hans")
    assert listed["items"] == []


def test_under_the_approval_gate_an_article_never_approved_is_not_found(api_get, editor, settings):
    settings.REVIEW_GATE = "approval"
    make_article_with_history(editor, slug="unreviewed", status="published")
    body = api_get("/api/v1/articles/unreviewed", status=404)
    assert body["detail"] == "No version of this article may be shown yet."
    assert api_get("/api/v1/articles")["items"] == []
