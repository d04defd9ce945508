"""The Medical Advisory Board's review of the text an article page shows (reviews/public/reader.py).

The articles app never imports reviews; its article template loads these tags:

    {% page_review page as review %}      the review of the exact text shown (one or two queries)
    {% review_tracker review %}           Submitted / Under review / Approved
    {% review_caution review %}           the caution, while the text shown is not approved
    {% reviewed_by review %}              "Medically reviewed by <name>, <credentials>", once approved
    {% review_dates review %}             last reviewed, next review due, overdue
    {% article_jsonld page.jsonld review %}  the page's ld+json, with lastReviewed / reviewedBy once approved

and lists of article cards (index, topic and search pages):

    {% card_review_states cards as states %}   which cards' texts are approved (one query)
    {% card_review card states %}              "Medically reviewed" or "Not yet medically reviewed"
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from articles.public.page import jsonld_script
from reviews.public.cards import approved_cards
from reviews.public.reader import review_for_page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_review(context, page):
    return review_for_page(page, context.get("request"))


@register.inclusion_tag("reviews/tracker.html")
def review_tracker(review):
    return {"review": review}


@register.inclusion_tag("reviews/caution.html")
def review_caution(review):
    return {"review": review}


@register.inclusion_tag("reviews/reviewed_by.html")
def reviewed_by(review):
    return {"review": review}


@register.inclusion_tag("reviews/review_dates.html")
def review_dates(review):
    return {"review": review}


@register.simple_tag(takes_context=True)
def article_jsonld(context, data, review):
    """The page's one ld+json script: the article's data plus what the review adds."""
    merged = dict(data)
    merged.update(review.jsonld())
    request = context.get("request")
    return jsonld_script(merged, nonce=getattr(request, "csp_nonce", None))


@register.simple_tag
def card_review_states(cards):
    return approved_cards(cards)


# Not an inclusion tag: a list shows one per card, and a template each costs more than the words.
@register.simple_tag
def card_review(card, approved):
    if (card.article_id, card.lang) in approved:
        return format_html(
            '<span class="article-card__review article-card__review--approved">{}</span>', gettext("Medically reviewed")
        )
    return format_html('<span class="article-card__review">{}</span>', gettext("Not yet medically reviewed"))
