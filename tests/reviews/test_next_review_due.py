"""An approval sets when the next review is due: REVIEW_INTERVAL_MONTHS, or the article's schedule."""

import datetime

import pytest
from django.utils import timezone

from reviews.models import Review, ReviewSchedule
from reviews.workflow import rules as workflow
from reviews.workflow.rules import add_months
from tests.reviews.conftest import make_article_with_history


@pytest.fixture
def article(editor):
    article = make_article_with_history(editor, slug="due")
    workflow.submit(article, "en", editor)
    return article


def test_the_next_review_is_due_twelve_months_after_approval(article, reviewer):
    workflow.approve(article, "en", reviewer)
    review = Review.objects.get()
    assert review.next_review_due == add_months(timezone.localdate(review.approved_at), 12)
    assert not review.is_overdue()


def test_the_interval_follows_the_setting(settings, article, reviewer):
    settings.REVIEW_INTERVAL_MONTHS = 6
    workflow.approve(article, "en", reviewer)
    review = Review.objects.get()
    assert review.next_review_due == add_months(timezone.localdate(review.approved_at), 6)


def test_an_article_schedule_overrides_the_setting(article, reviewer):
    ReviewSchedule.objects.create(article=article, interval_months=3)
    workflow.approve(article, "en", reviewer)
    review = Review.objects.get()
    assert review.next_review_due == add_months(timezone.localdate(review.approved_at), 3)


def test_a_review_past_its_due_date_is_overdue(article, reviewer):
    workflow.approve(article, "en", reviewer)
    review = Review.objects.get()
    assert review.is_overdue(today=review.next_review_due + datetime.timedelta(days=1))


@pytest.mark.parametrize("start, months, due", [
    (datetime.date(2025, 1, 31), 1, datetime.date(2025, 2, 28)),
    (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
    (datetime.date(2025, 11, 15), 3, datetime.date(2026, 2, 15)),
])
def test_months_are_calendar_months(start, months, due):
    assert add_months(start, months) == due
