"""REVIEW_REQUIRE_SPECIALTY=1: at least one approver's specialties include a topic of the article."""

import pytest

from reviews.models import ReviewState
from reviews.workflow import rules as workflow
from reviews.workflow.rules import ReviewRefused
from tests.factories import make_topic
from tests.reviews.conftest import make_article_with_history, make_board_member


@pytest.fixture
def knees(db):
    return make_topic("orthopedics")


@pytest.fixture
def article(settings, editor, knees):
    settings.REVIEW_REQUIRE_SPECIALTY = True
    article = make_article_with_history(editor, slug="knee", topics=[knees])
    workflow.submit(article, "en", editor)
    return article


def test_a_specialist_in_a_topic_of_the_article_approves(article, knees):
    workflow.approve(article, "en", make_board_member("ortho", specialties=[knees]))
    assert workflow.status(article, "en").state == ReviewState.APPROVED


def test_without_a_specialist_the_approval_is_refused(article):
    cardiologist = make_board_member("cardio", specialties=[make_topic("cardiology")])
    with pytest.raises(ReviewRefused, match="specialties include a topic of this article \\(orthopedics\\)"):
        workflow.approve(article, "en", cardiologist)
    assert workflow.status(article, "en").state == ReviewState.SUBMITTED


def test_with_a_quorum_of_two_one_specialist_is_enough(settings, article, knees):
    settings.REVIEW_QUORUM = 2
    workflow.approve(article, "en", make_board_member("general"))
    with pytest.raises(ReviewRefused, match="specialties"):
        workflow.approve(article, "en", make_board_member("other"))
    workflow.approve(article, "en", make_board_member("ortho", specialties=[knees]))
    assert workflow.status(article, "en").state == ReviewState.APPROVED


def test_the_rule_is_off_by_default(settings, editor):
    settings.REVIEW_REQUIRE_SPECIALTY = False
    article = make_article_with_history(editor, slug="any")
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", make_board_member("general"))
    assert workflow.status(article, "en").state == ReviewState.APPROVED


def test_an_article_without_topics_cannot_meet_the_rule(settings, editor):
    settings.REVIEW_REQUIRE_SPECIALTY = True
    article = make_article_with_history(editor, slug="no-topics")
    workflow.submit(article, "en", editor)
    with pytest.raises(ReviewRefused, match="has no topics"):
        workflow.approve(article, "en", make_board_member("general"))
