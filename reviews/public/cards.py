"""The review state of the text each article card of a list shows (index, topic and search
pages: anything with ``article_id`` and ``lang``), for reviews' {% card_review_states %}: one
query for the page, none under REVIEW_GATE=approval (readers are shown approved texts only)."""

from django.conf import settings

from ..models import Review, ReviewState


def card_states(cards):
    """{(article id, language): the review state of the text the card shows}; a text without
    a review is a draft. From the stored live fingerprint (reviews/hooks/live.py): approved
    exactly while the text stored is the text approved."""
    shown = {(card.article_id, card.lang) for card in cards if card.article_id}
    if not shown:
        return {}
    if settings.REVIEW_GATE == "approval":
        return dict.fromkeys(shown, ReviewState.APPROVED)
    rows = (
        Review.objects.filter(article_id__in={article_id for article_id, _lang in shown})
        .with_current_state()
        .values_list("article_id", "language", "current_state")
    )
    states = dict.fromkeys(shown, ReviewState.DRAFT)
    states.update({(article_id, lang): state for article_id, lang, state in rows if (article_id, lang) in shown})
    return states
