"""A Chinese text needs a reviewer who reads Chinese: board profiles list the languages a member
reviews; a board group member without a profile may review any language."""

import pytest

from reviews.models import ReviewState
from reviews.workflow import rules as workflow
from reviews.workflow.rules import ReviewRefused
from tests.reviews.conftest import make_article_with_history, make_board_member


@pytest.fixture
def chinese_article(editor):
    article = make_article_with_history(editor, slug="zh-only", lang="zh-hans", title="膝关节注射安全吗？",
                                        summary="总体安全。", status="published")
    workflow.submit(article, "zh-hans", editor)
    return article


def test_an_english_only_reviewer_cannot_approve_a_chinese_text(chinese_article):
    english_reader = make_board_member("english", languages="en")
    with pytest.raises(ReviewRefused, match="does not review Simplified Chinese texts"):
        workflow.approve(chinese_article, "zh-hans", english_reader)
    with pytest.raises(ReviewRefused, match="does not review Simplified Chinese texts"):
        workflow.request_changes(chinese_article, "zh-hans", english_reader, "看不懂")
    assert workflow.status(chinese_article, "zh-hans").state == ReviewState.SUBMITTED


def test_a_chinese_reading_reviewer_approves_a_chinese_only_article(chinese_article):
    workflow.approve(chinese_article, "zh-hans", make_board_member("chinese", languages="zh-hans"))
    assert workflow.status(chinese_article, "zh-hans").state == ReviewState.APPROVED


def test_a_board_member_without_profile_may_review_any_language(chinese_article, board_member):
    workflow.approve(chinese_article, "zh-hans", board_member)
    assert workflow.status(chinese_article, "zh-hans").state == ReviewState.APPROVED


def test_an_unknown_language_is_refused(chinese_article, board_member):
    with pytest.raises(ReviewRefused, match="Unknown language “fr”"):
        workflow.approve(chinese_article, "fr", board_member)
