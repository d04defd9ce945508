"""What readers see of the medical review of the text an article page shows.

The state is that of the exact text shown (``page.shown_text`` in ``page.content_lang``, with
the references it cites): approved only while its fingerprint equals the approved one. Two
queries at most: the article's reviews, and, once approved, the approving sign-offs with
their reviewers' profiles.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from articles.public import typography
from articles.public.page import Localized, localized
from articles.public.response_cache import shared

from ..models import Review, ReviewState
from ..workflow.fingerprint import fingerprint
from ..workflow.people import board_profile, is_listed, reviewer_name

STEPS = [
    (ReviewState.SUBMITTED, _("Submitted")),
    (ReviewState.UNDER_REVIEW, _("Under review")),
    (ReviewState.APPROVED, _("Approved")),
]
# Where the reader's tracker stands for each state (Draft: before the first step).
_POSITION = {
    ReviewState.DRAFT: -1,
    ReviewState.SUBMITTED: 0,
    ReviewState.UNDER_REVIEW: 1,
    ReviewState.CHANGES_REQUESTED: 1,
    ReviewState.APPROVED: 2,
}
def separators(lang):
    """(between a name and its credentials, between two reviewers); Chinese uses full-width marks."""
    marks = typography.separators(lang)
    return marks.name_credentials, marks.items


def reviews_by_language(article):
    """{language: Review} of an article, fetched once per article instance (one query; once
    per content version for all its reader pages: response_cache.shared)."""
    cached = getattr(article, "_reviews_by_language", None)
    if cached is None:
        cached = shared(
            f"reviews:{article.pk}",
            # No order: Review's default one joins the articles to sort by theirs.
            lambda: {review.language: review for review in Review.objects.filter(article=article).order_by()},
        )
        article._reviews_by_language = cached
    return cached


def _approving_sign_offs(review):
    """The sign-offs of the review's last approval with their reviewers' profiles (one query;
    once per content version for all the pages showing that text)."""
    return shared(
        f"sign-offs:{review.pk}",
        lambda: list(review.approving_sign_offs().select_related("reviewer__board_profile")),
    )


@dataclass(frozen=True)
class ReviewStep:
    code: str
    label: str
    state: str  # "done", "current" or "todo"

    @property
    def is_current(self):
        return self.state == "current"


@dataclass(frozen=True)
class Reviewer:
    name: str
    credentials: Localized  # in the page's language if the profile has it
    schema_credentials: str  # in the language of the text, for the page data
    url: str  # the member on the board page
    absolute_url: str  # the same, for the page data


@dataclass
class PageReview:
    state: str
    lang: str  # the page's language
    changed_since_approval: bool = False
    reviewers: list[Reviewer] = field(default_factory=list)
    last_reviewed: datetime.date | None = None
    next_review_due: datetime.date | None = None
    today: datetime.date | None = None

    @property
    def approved(self):
        return self.state == ReviewState.APPROVED

    @property
    def show_caution(self):
        return not self.approved

    @property
    def overdue(self):
        return self.approved and self.next_review_due is not None and self.next_review_due < self.today

    @property
    def label(self):
        return ReviewState(self.state).label

    @property
    def steps(self):
        position = _POSITION[self.state]
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
    def status_note(self):
        if self.state == ReviewState.DRAFT:
            return _("Not yet submitted for medical review.")
        if self.state == ReviewState.CHANGES_REQUESTED:
            return _("The board asked for changes; the editors are revising this text.")
        if self.changed_since_approval:
            return _("Changed since its last medical review; waiting for the board to review the changes.")
        return ""

    @property
    def reviewers_html(self):
        """"Dr A, MD; Dr B, MBBS" with each name linked to the board page."""
        between_name, between_reviewers = separators(self.lang)
        parts = []
        for reviewer in self.reviewers:
            credentials = ""
            if reviewer.credentials.text:
                lang_attr = format_html(' lang="{}"', reviewer.credentials.lang) if reviewer.credentials.is_fallback else ""
                credentials = format_html(
                    '{}<span class="reviewed-by__credentials"{}>{}</span>',
                    between_name, lang_attr, reviewer.credentials.text,
                )
            parts.append(format_html('<a href="{}">{}</a>{}', reviewer.url, reviewer.name, credentials))
        return mark_safe(between_reviewers.join(parts))  # noqa: S308 - every part is format_html

    def jsonld(self):
        """lastReviewed and reviewedBy (docs/article-format.md): only for an approved text."""
        if not self.approved:
            return {}
        people = []
        for reviewer in self.reviewers:
            person = {"@type": "Person", "name": reviewer.name}
            if reviewer.schema_credentials:
                person["honorificSuffix"] = reviewer.schema_credentials
            person["url"] = reviewer.absolute_url
            people.append(person)
        return {"lastReviewed": self.last_reviewed.isoformat(), "reviewedBy": people}


def _board_url(lang):
    with override(lang):
        return reverse("reviews:board")


def shown_fingerprint(page):
    """The fingerprint of the text ``page`` shows: computed once per content version for all
    the reader pages showing that text (every persona and page language), since it formats
    every cited reference (response_cache.shared). Named by the text and the keys it cites."""
    texts = json.dumps(page.shown_text, sort_keys=True, ensure_ascii=False)
    keys = sorted(set(page.cited_keys))
    name = hashlib.sha256(f"{texts}\0{keys}".encode()).hexdigest()
    return shared(
        f"fingerprint:{page.article.pk}:{page.content_lang}:{name}",
        lambda: fingerprint(page.shown_text, page.cited_library, page.cited_keys),
    )


def review_for_page(page, request=None):
    """The review of the text ``page`` shows (an ``articles.public.page.ArticlePage``)."""
    review = reviews_by_language(page.article).get(page.content_lang)
    today = timezone.localdate()
    if review is None:
        return PageReview(ReviewState.DRAFT, page.lang, today=today)
    shown = shown_fingerprint(page)
    state = review.current_state(shown)
    result = PageReview(
        state, page.lang, changed_since_approval=bool(review.approved_fingerprint) and state != ReviewState.APPROVED,
        today=today,
    )
    if state != ReviewState.APPROVED:
        return result
    board_url = _board_url(page.lang)
    absolute_board_url = request.build_absolute_uri(board_url) if request is not None else board_url
    for sign_off in _approving_sign_offs(review):
        user = sign_off.reviewer
        profile = board_profile(user)
        result.reviewers.append(
            Reviewer(
                name=reviewer_name(user),
                credentials=localized(profile, "credentials", page.lang) if profile else Localized("", page.lang),
                schema_credentials=localized(profile, "credentials", page.content_lang).text if profile else "",
                url=f"{board_url}#member-{user.pk}" if is_listed(user) else board_url,
                absolute_url=f"{absolute_board_url}#member-{user.pk}" if is_listed(user) else absolute_board_url,
            )
        )
    result.last_reviewed = timezone.localdate(review.approved_at)
    result.next_review_due = review.next_review_due
    return result
