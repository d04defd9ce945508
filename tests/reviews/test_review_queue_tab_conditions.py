"""The review queue's tabs filter on the review's columns (``current_state_in``, what its
partial indexes are built from): for every stored state and fingerprint the condition says
what ``Review.current_state()`` says."""

import itertools

from reviews.models import Review, ReviewState, current_state_in
from tests.factories import make_article


def test_each_condition_holds_exactly_for_the_reviews_in_that_current_state(db):
    reviews = []
    for n, (state, approved) in enumerate(itertools.product(ReviewState.values, ("", "same", "older"))):
        if state == ReviewState.APPROVED and not approved:
            continue  # a database constraint: an approved review has a fingerprint
        article = make_article(f"case-{n}")
        reviews.append(Review(
            article=article, language="en", state=state, live_fingerprint="same",
            approved_fingerprint={"": "", "same": "same", "older": "older"}[approved],
        ))
    Review.objects.bulk_create(reviews)  # as stored, without the live fingerprint hook
    expected = {
        review.pk: review.current_state(review.live_fingerprint) for review in Review.objects.all()
    }
    assert set(expected.values()) == set(ReviewState.values)
    for state in ReviewState.values:
        assert set(Review.objects.filter(current_state_in(state)).values_list("pk", flat=True)) == {
            pk for pk, current in expected.items() if current == state
        }, state
    waiting = (ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW)
    assert set(Review.objects.filter(current_state_in(*waiting)).values_list("pk", flat=True)) == {
        pk for pk, current in expected.items() if current in waiting
    }
    annotated = dict(Review.objects.with_current_state().values_list("pk", "current_state"))
    assert annotated == expected
