"""When the next review due date passes, the page says the review is overdue and the version
is found by Review.objects.overdue() (the review queue lists it from there)."""

import datetime

from django.utils import timezone

from reviews.models import Review
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history


def test_a_published_approved_article_past_its_review_date_is_overdue(client, editor, reviewer):
    article = make_article_with_history(editor, slug="old-advice", title="Is rest enough?", summary="Often.")
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    review = Review.objects.get(article=article, language="en")
    assert list(Review.objects.overdue()) == []
    assert "review overdue" not in client.get("/en/articles/old-advice/").content.decode()

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    # As if the date had passed (saved, so the cached page hears of it like of any change).
    review.next_review_due = yesterday
    review.save(update_fields=["next_review_due"])

    assert list(Review.objects.overdue()) == [review]
    assert list(Review.objects.due_within(30)) == []
    page = client.get("/en/articles/old-advice/").content.decode()
    assert "review overdue" in page
    assert "Medically reviewed by" in page  # still the approved text: overdue, not unapproved


def test_due_within_finds_versions_due_soon_but_not_overdue(editor, reviewer):
    article = make_article_with_history(editor, slug="soon", title="Is rest enough?", summary="Often.")
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    today = timezone.localdate()
    Review.objects.filter(article=article).update(next_review_due=today + datetime.timedelta(days=30))
    assert Review.objects.due_within(30).count() == 1
    assert Review.objects.due_within(29).count() == 0
    assert Review.objects.overdue().count() == 0
