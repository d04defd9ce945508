"""The Medical Advisory Board's state of an article, as the article page shows it.

There is no review workflow yet: every article is "Submitted" and carries the caution.
A review model plugs in at ``article_review_state()`` (the state the tracker and caution
show) and ``jsonld_review()`` (lastReviewed / reviewedBy once the exact text shown is
approved). The articles app never imports this module; its templates load it.
"""

from dataclasses import dataclass

from django import template
from django.utils.translation import gettext_lazy as _

from articles.page import jsonld_script

register = template.Library()

SUBMITTED = "submitted"
UNDER_REVIEW = "under_review"
APPROVED = "approved"

STEPS = [
    (SUBMITTED, _("Submitted")),
    (UNDER_REVIEW, _("Under review")),
    (APPROVED, _("Approved")),
]


@dataclass(frozen=True)
class ReviewStep:
    code: str
    label: str
    state: str  # "done", "current" or "todo"

    @property
    def is_current(self):
        return self.state == "current"


@dataclass(frozen=True)
class ReviewState:
    status: str

    @property
    def approved(self):
        return self.status == APPROVED

    @property
    def show_caution(self):
        return not self.approved

    @property
    def label(self):
        return dict(STEPS)[self.status]

    @property
    def steps(self):
        codes = [code for code, _label in STEPS]
        position = codes.index(self.status)
        result = []
        for index, (code, label) in enumerate(STEPS):
            if index < position or (index == position and self.approved):
                state = "done"
            elif index == position:
                state = "current"
            else:
                state = "todo"
            result.append(ReviewStep(code, label, state))
        return result

    @property
    def current_step(self):
        return next(s for s in self.steps if s.code == self.status)


def article_review_state(article, lang=None):
    """The review state of the text of ``article`` shown in ``lang`` (hook for the review model)."""
    return ReviewState(SUBMITTED)


def jsonld_review(article, lang=None):
    """lastReviewed and reviewedBy for the page's JSON-LD: empty until the text shown is approved."""
    return {}


@register.simple_tag
def review_state(article, lang=None):
    return article_review_state(article, lang)


@register.inclusion_tag("reviews/tracker.html")
def review_tracker(article, lang=None):
    return {"review": article_review_state(article, lang)}


@register.inclusion_tag("reviews/caution.html")
def review_caution(article, lang=None):
    return {"review": article_review_state(article, lang)}


@register.simple_tag
def article_jsonld(data, article, lang=None):
    """The page's one ld+json script: the article's data plus what the review adds."""
    merged = dict(data)
    merged.update(jsonld_review(article, lang))
    return jsonld_script(merged)
