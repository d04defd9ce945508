"""Keeps ``Review.live_fingerprint`` equal to the fingerprint of the text as stored now.

Connected in ``ReviewsConfig.ready()``: after every save of an article (the admin, imports,
reverts and recoveries, which save raw), of a reference (its state is part of the
fingerprint of every text citing it), after a bulk write of references
(``references.signals.library_changed``, sent by ``import_references``) and when a review
is created. The review queue reads it to sort the versions into tabs in SQL
(``Review.objects.with_current_state()``); the page of a review and the workflow still
compute the fingerprint from the text itself before anyone approves.

When the stored text of an approved version moves away from the approved fingerprint (an
edit, a revert, a cited reference changed), the review's timeline gets an "Approved text
changed" event naming who saved; when it comes back to it (a revert), "Approved text back".
The stored state stays "approved": the approval counts again for exactly that text.
"""

import reversion
from django.db import transaction

from articles.models import Article, Citation

from ..audit.middleware import request_actor_and_ip
from ..models import Review, ReviewEvent, ReviewState
from ..workflow.fingerprint import article_fingerprint


def refresh_articles(article_ids):
    """Store the live fingerprint of every review of these articles (one fingerprint per
    language version; rows already right are not written), and put on the review's timeline
    each approved text that changed, or came back to what the board approved."""
    reviews = list(
        Review.objects.filter(article_id__in=set(article_ids)).values_list(
            "pk", "article_id", "language", "live_fingerprint"
        )
    )
    if not reviews:
        return
    articles = Article.objects.in_bulk({row[1] for row in reviews})
    for pk, article_id, lang, live in reviews:
        article = articles.get(article_id)
        if article is None:
            continue
        current = article_fingerprint(article, lang)
        if current == live:
            continue
        with transaction.atomic():
            # Read again under the row's lock: of two saves at once, the event is recorded once.
            row = (
                Review.objects.select_for_update().filter(pk=pk)
                .values_list("live_fingerprint", "state", "approved_fingerprint").first()
            )
            if row is None or row[0] == current:
                continue
            live, state, approved = row
            Review.objects.filter(pk=pk).update(live_fingerprint=current)
            if state == ReviewState.APPROVED and approved:
                if live == approved:
                    _record(pk, ReviewEvent.Action.APPROVED_TEXT_CHANGED, ReviewState.APPROVED, ReviewState.SUBMITTED)
                elif current == approved:
                    _record(pk, ReviewEvent.Action.APPROVED_TEXT_BACK, ReviewState.SUBMITTED, ReviewState.APPROVED)


def _record(review_pk, action, from_state, to_state):
    """The event, by whoever is saving: the revision's user, else the request's."""
    user = reversion.get_user() if reversion.is_active() else None
    if user is None:
        user, _ip = request_actor_and_ip()
    ReviewEvent.objects.create(review_id=review_pk, action=action, from_state=from_state, to_state=to_state, user=user)


def refresh_references(reference_ids):
    """Store the live fingerprints of the texts citing these references."""
    refresh_articles(
        Citation.objects.filter(reference_id__in=set(reference_ids)).values_list("article_id", flat=True).distinct()
    )


def on_article_saved(sender, instance, **kwargs):
    refresh_articles([instance.pk])


def on_reference_saved(sender, instance, created=False, **kwargs):
    if not created:
        refresh_references([instance.pk])


def on_library_changed(sender, pks, **kwargs):
    refresh_references(pks)


def on_review_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        refresh_articles([instance.article_id])


def connect():
    from django.db.models.signals import post_save

    from references.models import Reference
    from references.signals import library_changed

    post_save.connect(on_article_saved, sender=Article, dispatch_uid="reviews-live-fingerprint-article")
    post_save.connect(on_reference_saved, sender=Reference, dispatch_uid="reviews-live-fingerprint-reference")
    post_save.connect(on_review_saved, sender=Review, dispatch_uid="reviews-live-fingerprint-review")
    library_changed.connect(on_library_changed, dispatch_uid="reviews-live-fingerprint-references")
