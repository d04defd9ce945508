"""The board's review queue: which language versions wait for whom, and what each row links to.

A row is one ``Review`` (a language version once submitted). Its state is that of the text as
stored now (``Review.current_state``): an approved text edited since is waiting again. Tabs:

- ``mine``: waiting (submitted or under review) and assigned to the user (by the chief
  medical editor, ``Review.assigned_to``) or started by them (``Review.assignee``);
- ``open``: waiting, and nobody assigned or started it (for a board member with a profile,
  only languages they review);
- ``waiting``: everything waiting;
- ``changes``: changes requested, back with the editors;
- ``overdue``: approved, and the next review is due within ``DUE_SOON_DAYS`` or has passed.

The number of queries and the work do not grow with the number of reviews: the count, a page
of reviews with their articles (without their texts) and assignees, in SQL (the state of the
text as stored now comes from ``Review.live_fingerprint``, kept by ``hooks/live.py``), then for the
page shown only: its submissions (and the edits that made an approved text wait again), its
articles' newest and approved history versions, and the personas.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from reversion.models import Version

from articles.models import Article, article_long_text_columns
from articles.public.personas import all_personas
from articles.rendering.citations import cited_keys
from references.models import Reference

from ..models import Review, ReviewEvent, ReviewState, current_state_in
from ..workflow.fingerprint import fingerprint, normalize, texts_of
from ..workflow.people import board_profile, is_board_member

PAGE_SIZE = 50
DUE_SOON_DAYS = 30
WAITING = (ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW)

TABS = (
    ("mine", _("Assigned to me")),
    ("open", _("Waiting for anyone")),
    ("waiting", _("All waiting")),
    ("changes", _("Changes requested")),
    ("overdue", _("Overdue or due soon")),
)


def default_tab(user):
    return "mine" if is_board_member(user) else "waiting"


def current_states(reviews):
    """{review id: state of the text as stored now}. A fingerprint is computed only for reviews
    ever approved (for the others the stored state holds), with the cited references fetched
    in one query for all."""
    approved_once = [review for review in reviews if review.approved_fingerprint]
    texts, keys = {}, {}
    for review in approved_once:
        texts[review.pk] = texts_of(review.article, review.language)
        keys[review.pk] = cited_keys(normalize(texts[review.pk]["summary"]), normalize(texts[review.pk]["body"]))
    wanted = {key for review_keys in keys.values() for key in review_keys}
    library = {ref.key: ref for ref in Reference.objects.filter(key__in=wanted)} if wanted else {}
    states = {review.pk: review.state for review in reviews}
    for review in approved_once:
        states[review.pk] = review.current_state(fingerprint(texts[review.pk], library, keys[review.pk]))
    return states


def tab_filter(tab, user, today):
    """The condition of a tab for ``user`` (on the review's columns: the partial indexes of
    Review.Meta are built from the same ``current_state_in`` conditions)."""
    if tab == "changes":
        return current_state_in(ReviewState.CHANGES_REQUESTED)
    if tab == "overdue":
        return current_state_in(ReviewState.APPROVED) & Q(
            next_review_due__isnull=False,
            next_review_due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
    waiting = current_state_in(*WAITING)
    if tab == "mine":
        assigned = Review.assigned_to.through.objects.filter(review_id=OuterRef("pk"), user_id=user.pk)
        return waiting & (Q(assignee=user) | Exists(assigned))
    if tab == "open":
        anyone = Review.assigned_to.through.objects.filter(review_id=OuterRef("pk"))
        condition = waiting & Q(assignee__isnull=True) & ~Exists(anyone)
        profile = board_profile(user)
        if profile is not None:
            condition &= Q(language__in=profile.language_codes)
        return condition
    return waiting


def queue_reviews(user, tab, today=None):
    """The reviews of ``tab`` for ``user``, oldest submission first, as a queryset (a page of
    it is one query): each with ``current_state`` (from the stored live fingerprint, so no
    text is hashed to list them), its article without the long texts, and its assignees."""
    today = today or timezone.localdate()
    return (
        Review.objects.exclude(state=ReviewState.DRAFT)
        .with_current_state()
        .filter(tab_filter(tab, user, today))
        .select_related("article", "assignee")
        .defer(*(f"article__{column}" for column in article_long_text_columns()))
        .prefetch_related("assigned_to")
        .order_by("updated_at", "pk")
    )


@dataclass
class QueueRow:
    review: Review
    state: str
    title: str
    language_name: str
    submitted: ReviewEvent | None
    newest_revision_id: int | None
    review_url: str
    diff_url: str  # compare since the last approved revision, or "" if never approved
    preview_urls: list  # [(persona's name, url)]
    overdue: bool
    due_soon: bool

    @property
    def state_label(self):
        return ReviewState(self.state).label

    @property
    def assigned_names(self):
        names = [u.get_full_name() or u.get_username() for u in self.review.assigned_to.all()]
        assignee = self.review.assignee
        if assignee is not None and assignee.pk not in {u.pk for u in self.review.assigned_to.all()}:
            names.append(assignee.get_full_name() or assignee.get_username())
        return names


def preview_url(article, lang, persona=None):
    with override(lang):
        url = reverse("articles:preview", args=[article.slug])
    return f"{url}?persona={persona.code}" if persona is not None else url


def compare_url(article, older_version_pk, newer_version_pk):
    url = reverse("admin:articles_article_history_compare", args=[article.pk])
    return f"{url}?a={older_version_pk}&b={newer_version_pk}"


def versions_of(reviews):
    """({article id: (newest version pk, newest revision id)}, {(article id, revision id): version pk})."""
    object_ids = {str(review.article_id) for review in reviews}
    # get_for_model also names the database: reversion's unique index (db, content type,
    # object id, revision) then finds the page's versions (without it: every article version).
    versions = Version.objects.get_for_model(Article).filter(object_id__in=object_ids)
    newest = {
        int(row["object_id"]): (row["newest_pk"], row["newest_revision"])
        for row in versions.values("object_id").annotate(newest_pk=Max("pk"), newest_revision=Max("revision_id"))
    }
    approved_ids = {review.approved_revision_id for review in reviews if review.approved_revision_id}
    approved = {
        (int(row["object_id"]), row["revision_id"]): row["pk"]
        for row in versions.filter(revision_id__in=approved_ids).values("pk", "object_id", "revision_id")
    } if approved_ids else {}
    return newest, approved


def _last_submissions(entries):
    """{review id: the event that last sent its text to the board}: a submission, or, while
    the text is pending, an edit of the approved text (which made it pending again, without a
    new submission: the row would show the old one)."""
    Action = ReviewEvent.Action
    pending = {review.pk for review, state in entries if state != ReviewState.APPROVED}
    events = (
        ReviewEvent.objects.filter(
            review__in=[review.pk for review, _state in entries],
            action__in=[Action.SUBMIT, Action.APPROVED_TEXT_CHANGED, Action.APPROVED_TEXT_BACK],
        )
        .select_related("user")
        .order_by("review_id", "-created_at", "-id")
    )
    last, back = {}, set()
    for event in events:
        if event.review_id in last:
            continue
        if event.action == Action.SUBMIT:
            last[event.review_id] = event
        elif event.action == Action.APPROVED_TEXT_BACK:
            back.add(event.review_id)  # the edit was undone: the submission before it counts
        elif event.review_id in pending and event.review_id not in back:
            last[event.review_id] = event
    return last


def diff_url(review, newest, approved):
    """The compare view from the last approved revision of this language to the newest one."""
    newest_pk = newest.get(review.article_id, (None, None))[0]
    approved_pk = approved.get((review.article_id, review.approved_revision_id))
    if newest_pk is None or approved_pk is None:
        return ""
    return compare_url(review.article, approved_pk, newest_pk)


def build_rows(entries, language_names, today=None):
    """QueueRows of one page of ``queue_reviews`` entries (a constant number of queries)."""
    today = today or timezone.localdate()
    reviews = [review for review, _state in entries]
    if not reviews:
        return []
    newest, approved = versions_of(reviews)
    submissions = _last_submissions(entries)
    personas = [(persona.code, str(persona)) for persona in all_personas()]  # named once, not once a row
    rows = []
    for review, state in entries:
        article = review.article
        due = review.next_review_due
        preview = preview_url(article, review.language)  # one reverse a row, not one a persona
        rows.append(
            QueueRow(
                review=review,
                state=state,
                title=article.text("title", review.language) or article.display_title(),
                language_name=str(language_names.get(review.language, review.language)),
                submitted=submissions.get(review.pk),
                newest_revision_id=newest.get(article.pk, (None, None))[1],
                review_url=reverse("admin:reviews_reviewqueue_review", args=[review.pk]),
                diff_url=diff_url(review, newest, approved),
                preview_urls=[(name, f"{preview}?persona={code}") for code, name in personas],
                overdue=state == ReviewState.APPROVED and due is not None and due < today,
                due_soon=state == ReviewState.APPROVED and due is not None and today <= due,
            )
        )
    return rows

