"""The "medical review" column of the admin's article list (registered in ReviewsConfig.ready()
through ``articles/list_columns.py``; articles never imports reviews).

Each language version the article has gets one line: its language and the state of the text
as stored now (Not submitted, Submitted, Under review, Approved, Changes requested, or
"Changed since approval" for an approved text edited since, which waits for the board again).
One query for a page of any size: the reviews of the page's articles, with the state of the
stored text (``Review.objects.with_current_state()``, from the live fingerprint).
"""

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from ..models import Review, ReviewState

LABEL = gettext_lazy("medical review")
NOT_SUBMITTED = "not_submitted"
CHANGED_SINCE_APPROVAL = "changed_since_approval"


def state_label(code):
    if code == NOT_SUBMITTED:
        return _("Not submitted")
    if code == CHANGED_SINCE_APPROVAL:
        return _("Changed since approval")
    return ReviewState(code).label


def version_states(articles):
    """{article.pk: [(lang, state code)]} for the language versions each article has: one
    query for a page of any size (the state of the stored text from the live fingerprint)."""
    reviews = Review.objects.filter(article__in=[article.pk for article in articles]).with_current_state()
    found = {(review.article_id, review.language): review for review in reviews}
    result = {}
    for article in articles:
        rows = []
        for lang in article.languages():
            review = found.get((article.pk, lang))
            if review is None or review.state == ReviewState.DRAFT:
                code = NOT_SUBMITTED
            elif review.current_state == ReviewState.SUBMITTED and review.state == ReviewState.APPROVED:
                code = CHANGED_SINCE_APPROVAL
            else:
                code = review.current_state
            rows.append((lang, code))
        result[article.pk] = rows
    return result


def _language_name(lang):
    try:
        return get_language_info(lang)["name_local"]
    except KeyError:
        return lang


def column_values(articles):
    """{article.pk: html}: one line per language version, "English: Approved"."""
    values = {}
    for pk, rows in version_states(articles).items():
        if not rows:
            continue
        values[pk] = format_html_join(
            mark_safe(" "),
            '<span class="review-state review-state--{}"><span lang="{}">{}</span>: {}</span>',
            ((code, lang, _language_name(lang), state_label(code)) for lang, code in rows),
        )
    return values


def register():
    from articles.list_columns import register_list_column

    register_list_column("review_state", LABEL, column_values)
