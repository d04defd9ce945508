"""The review records: one review per language version, append-only events, one sign-off per
reviewer and revision, and what state the text as it is now is in."""

import pytest
import reversion
from django.db import IntegrityError, transaction
from reversion.models import Revision

from reviews.models import Review, ReviewEvent, ReviewState, SignOff
from tests.factories import make_article


@pytest.fixture
def article(db):
    return make_article("records", title_zh_hans="题目", summary_zh_hans="回答。")


def test_one_review_per_language_version(article):
    Review.objects.create(article=article, language="en")
    Review.objects.create(article=article, language="zh-hans")
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(article=article, language="en")


def test_an_approved_review_must_hold_the_fingerprint_approved(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(article=article, language="en", state="approved")


def test_events_are_append_only(article, editor):
    review = Review.objects.create(article=article, language="en")
    event = ReviewEvent.objects.create(review=review, action="submit", from_state="draft", to_state="submitted",
                                       user=editor)
    event.comment = "rewritten"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_one_sign_off_per_reviewer_revision_and_language(article, board_member):
    with reversion.create_revision():
        article.save()
    revision = Revision.objects.get()
    review = Review.objects.create(article=article, language="en")
    SignOff.objects.create(review=review, revision=revision, reviewer=board_member, fingerprint="a" * 64, cycle=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignOff.objects.create(review=review, revision=revision, reviewer=board_member, fingerprint="a" * 64, cycle=1)
    other_language = Review.objects.create(article=article, language="zh-hans")
    SignOff.objects.create(review=other_language, revision=revision, reviewer=board_member,
                           fingerprint="b" * 64, cycle=1)


def test_the_text_approved_is_approved_whatever_the_stored_state(article):
    review = Review(article=article, language="en", state=ReviewState.CHANGES_REQUESTED, approved_fingerprint="a" * 64)
    assert review.current_state("a" * 64) == ReviewState.APPROVED
    assert review.current_state("b" * 64) == ReviewState.CHANGES_REQUESTED


def test_an_approved_text_that_changed_is_pending_again(article):
    review = Review(article=article, language="en", state=ReviewState.APPROVED, approved_fingerprint="a" * 64)
    assert review.current_state("b" * 64) == ReviewState.SUBMITTED
