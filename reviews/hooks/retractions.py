"""A reference marked retracted sends the language versions citing it back to the board.

Connected in ``ReviewsConfig.ready()`` to the saves of ``references.Reference`` (whatever
saves it: the admin, ``import_references``, an article import carrying ``retracted: true``):
when ``retracted`` turns from false to true, every approved language version citing the
reference becomes pending again (Submitted) with a timeline event giving the reason, and the
board is emailed as for a submission. Versions waiting for review get the event too, so their
reviewers see it. The approval stops counting anyway (the fingerprint includes the retracted
flag); this records why and puts the version in the review queue.
"""

import reversion
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from articles.models import Article, Citation

from ..models import Review, ReviewEvent, ReviewState
from ..workflow import notifications

_WAS_RETRACTED = "_reviews_was_retracted"


def remember_retracted_flag(sender, instance, raw=False, **kwargs):
    """pre_save: the flag as stored before this save (False for a new reference)."""
    if raw:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("retracted", flat=True).first() if instance.pk else None
    setattr(instance, _WAS_RETRACTED, bool(stored))


def on_reference_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save: act when the reference has just been marked retracted."""
    if raw or not instance.retracted or getattr(instance, _WAS_RETRACTED, True):
        return
    setattr(instance, _WAS_RETRACTED, True)
    send_back_citing_versions(instance, user=reversion.get_user() if reversion.is_active() else None)


def retraction_reason(reference):
    notice = str((reference.csl_extra or {}).get("note") or "").strip() or reference.title.strip()
    with override(settings.LANGUAGE_CODE):
        return _("Reference %(key)s was marked retracted: %(notice)s") % {"key": reference.key, "notice": notice}


def send_back_citing_versions(reference, user=None):
    """Approved versions citing ``reference`` -> Submitted, with the reason; returns the reviews changed."""
    citing = set(Citation.objects.filter(reference=reference).values_list("article_id", "language"))
    if not citing:
        return []
    # Lock articles, then reviews: the order the workflow locks them in.
    list(Article.objects.select_for_update().filter(pk__in={pk for pk, _lang in citing}).order_by("pk"))
    reviews = Review.objects.select_for_update().filter(
        article_id__in={pk for pk, _lang in citing},
        state__in=[ReviewState.APPROVED, ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW],
    ).select_related("article").order_by("pk")
    reason = retraction_reason(reference)
    sent_back = []
    for review in reviews:
        if (review.article_id, review.language) not in citing:
            continue
        was = review.state
        now = ReviewState.SUBMITTED if was == ReviewState.APPROVED else was
        event = ReviewEvent.objects.create(
            review=review, action=ReviewEvent.Action.REFERENCE_RETRACTED, from_state=was, to_state=now,
            user=user, comment=reason, revision=review.approved_revision if was == ReviewState.APPROVED else None,
        )
        if was == ReviewState.APPROVED:
            review.state = now
            review.revision = review.approved_revision
            review.assignee = None
            review.save()
            sent_back.append(review)
            notifications.reference_retracted(review, event)
    return sent_back
