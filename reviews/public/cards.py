"""Whether the text each article card of a list shows is medically reviewed (index, topic and
search pages: anything with ``article_id`` and ``lang``), for reviews' {% card_review_states %}:
one query for the page, none under REVIEW_GATE=approval (readers are shown approved texts only)."""

from django.conf import settings

from ..models import APPROVED_TEXT, Review


def approved_cards(cards):
    """{(article id, language)} of the cards whose text is the approved one: from the stored
    live fingerprint (reviews/hooks/live.py), approved exactly while the text stored is the
    text approved. A text without a review is a draft."""
    shown = {(card.article_id, card.lang) for card in cards if card.article_id}
    if not shown or settings.REVIEW_GATE == "approval":
        return shown
    rows = (
        Review.objects.filter(APPROVED_TEXT, article_id__in={article_id for article_id, _lang in shown})
        .order_by()  # Review's default order joins the articles, for nothing here
        .values_list("article_id", "language")
    )
    return shown.intersection(rows)
