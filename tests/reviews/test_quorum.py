"""REVIEW_QUORUM: how many different board members must approve the same text."""

import pytest

from reviews.models import Review, ReviewState
from reviews.workflow import rules as workflow
from reviews.workflow.rules import ReviewRefused
from tests.reviews.conftest import make_article_with_history, make_board_member, save_as


@pytest.fixture
def article(editor):
    article = make_article_with_history(editor, slug="quorum", title="How much?", summary="Twice a day.")
    workflow.submit(article, "en", editor)
    return article


def test_with_a_quorum_of_one_a_single_approval_approves(article, reviewer):
    workflow.approve(article, "en", reviewer)
    assert workflow.status(article, "en").state == ReviewState.APPROVED


def test_with_a_quorum_of_two_the_first_approval_leaves_it_under_review(settings, article, reviewer, second_reviewer):
    settings.REVIEW_QUORUM = 2
    workflow.approve(article, "en", reviewer)
    version = workflow.status(article, "en")
    assert (version.state, version.approvals, version.quorum) == (ReviewState.UNDER_REVIEW, 1, 2)
    workflow.approve(article, "en", second_reviewer)
    version = workflow.status(article, "en")
    assert version.state == ReviewState.APPROVED
    assert version.approvers == [reviewer, second_reviewer]


def test_the_same_member_does_not_count_twice(settings, article, reviewer):
    settings.REVIEW_QUORUM = 2
    workflow.approve(article, "en", reviewer)
    with pytest.raises(ReviewRefused, match="already approved this text"):
        workflow.approve(article, "en", reviewer)
    assert Review.objects.get().sign_offs.count() == 1


def test_both_approvals_must_be_of_the_same_text(settings, article, editor, reviewer, second_reviewer):
    settings.REVIEW_QUORUM = 2
    workflow.approve(article, "en", reviewer)
    save_as(editor, article, summary_en="Twice a day, with food.")
    workflow.approve(article, "en", second_reviewer)
    assert workflow.status(article, "en").state == ReviewState.UNDER_REVIEW
    workflow.approve(article, "en", reviewer)
    assert workflow.status(article, "en").state == ReviewState.APPROVED


def test_a_request_for_changes_voids_the_approvals_given_before(settings, article, editor, reviewer, second_reviewer):
    settings.REVIEW_QUORUM = 2
    workflow.approve(article, "en", reviewer)
    workflow.request_changes(article, "en", second_reviewer, "Which dose for children?")
    workflow.submit(article, "en", editor, "The text is right as it stands.")
    workflow.approve(article, "en", make_board_member("third"))
    assert workflow.status(article, "en").state == ReviewState.UNDER_REVIEW
