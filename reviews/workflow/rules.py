"""The rules of the medical review, as plain functions: who may move a language version of an
article from one state to the next, and what each move records.

    Draft -> Submitted -> Under review -> Approved
                       \\-> Changes requested -> (submitted again)

- submit: anyone with ``reviews.submit_review`` (editors, chief medical editors, translators),
  from Draft or Changes requested, or when an approved text has changed since.
- start_review, approve, request_changes: board members only (``is_board_member``), for a
  language they review (a profile lists its languages; a group member without a profile may
  review any language). Approving needs a submitted text; requesting changes needs a comment.
- An approval binds to the fingerprint of the exact text (``reviews/workflow/fingerprint.py``). With
  ``settings.REVIEW_QUORUM`` = N, N different board members must approve the same text in the
  same cycle (a request for changes starts a new cycle); until then the version is Under
  review. ``settings.REVIEW_REQUIRE_SPECIALTY``: at least one approver's specialties must
  include a topic of the article.
- Separation of duties: nobody approves a text they are an author of, or changed (a history
  revision of theirs changed this language's text) since its last approved revision. An
  import run with ``import_article --user`` records its user on the revision like a save.
- An approval sets the next review due: ``ReviewSchedule.interval_months`` of the article, else
  ``settings.REVIEW_INTERVAL_MONTHS``.

Every action runs in one transaction holding row locks on the article and its Review
(``select_for_update``), so two board members approving at once count correctly, and a refused
action raises ``ReviewRefused`` with a one-line, translated message and changes nothing.
"""

import calendar
from dataclasses import dataclass, field

import reversion
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from reversion.models import Version

from articles.models import Article

from ..models import BoardMember, Review, ReviewEvent, ReviewSchedule, ReviewState, SignOff
from . import checklist, notifications
from .fingerprint import article_fingerprint, fingerprint_texts, normalize, texts_of_version
from .people import (
    board_profile,
    is_board_member,
    may_submit,
    reads_language,
    reviewer_credentials,
    reviewer_name,
)

SNAPSHOT_COMMENT = "Recorded for medical review: the stored text was not in the history yet"


class ReviewRefused(Exception):
    """An action the rules do not allow; ``str()`` is a one-line message for the user."""


class ChecklistFailed(ReviewRefused):
    """A submission asked to pass the trust checklist (``reviews/workflow/checklist.py``) and did not;
    ``checklist`` holds the failing items, for a confirmation page."""

    def __init__(self, message, checklist):
        super().__init__(message)
        self.checklist = checklist


def _language_name(lang):
    return str(dict(settings.LANGUAGES).get(lang, lang))


def _who(user):
    return user.get_username() if user is not None else "?"


# --- revisions ------------------------------------------------------------------------------


def _latest_version(article):
    return Version.objects.get_for_object(article).select_related("revision").order_by("-revision_id").first()


def current_revision(article, lang, fingerprint):
    """The history revision holding the text as it is now (its ``lang`` fingerprint equals
    ``fingerprint``). If the stored text is not in the history (saved by a script outside a
    revision), a revision is recorded first, with no user: nobody is credited with an edit
    they did not make."""
    latest = _latest_version(article)
    if latest is not None and fingerprint_texts(texts_of_version(latest.field_dict, lang)) == fingerprint:
        return latest.revision
    with reversion.create_revision():
        reversion.set_comment(SNAPSHOT_COMMENT)
        reversion.add_to_revision(article)
    return _latest_version(article).revision


def _normalized(texts):
    return tuple(normalize(texts[name]) for name in sorted(texts))


def text_editors_since_approval(article, lang, review):
    """Ids of the users whose revisions changed ``lang``'s reader-visible text since the last
    approved revision (since the beginning if never approved)."""
    versions = Version.objects.get_for_object(article).select_related("revision").order_by("revision_id")
    previous = None
    if review.approved_revision_id:
        base = versions.filter(revision_id=review.approved_revision_id).first()
        previous = _normalized(texts_of_version(base.field_dict, lang)) if base else None
        versions = versions.filter(revision_id__gt=review.approved_revision_id)
    editors = set()
    for version in versions:
        texts = _normalized(texts_of_version(version.field_dict, lang))
        changed = texts != previous if previous is not None else any(texts)
        if changed and version.revision.user_id is not None:
            editors.add(version.revision.user_id)
        previous = texts
    return editors


# --- helpers --------------------------------------------------------------------------------


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def review_interval_months(article):
    schedule = ReviewSchedule.objects.filter(article=article).first()
    return schedule.interval_months if schedule else settings.REVIEW_INTERVAL_MONTHS


@dataclass
class _Locked:
    """An article and its Review for one language, locked for the rest of the transaction."""

    article: Article
    review: Review
    lang: str
    fingerprint: str
    state: str  # the state of the text as it is now

    @property
    def label(self):
        return {"slug": self.article.slug, "language": _language_name(self.lang)}


def _check_language(lang):
    if lang not in dict(settings.LANGUAGES):
        raise ReviewRefused(
            _("Unknown language “%(lang)s” (use one of: %(codes)s).")
            % {"lang": lang, "codes": ", ".join(dict(settings.LANGUAGES))}
        )


def _lock(article, lang):
    """Lock the article, then its review (always in that order: no deadlock with admin saves)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if lang not in article.languages():
        raise ReviewRefused(
            _("“%(slug)s” has no %(language)s version (a title and a key answer) to review.")
            % {"slug": article.slug, "language": _language_name(lang)}
        )
    Review.objects.get_or_create(article=article, language=lang)
    review = Review.objects.select_for_update().get(article=article, language=lang)
    fingerprint = article_fingerprint(article, lang)
    return _Locked(article, review, lang, fingerprint, review.current_state(fingerprint))


def _record(locked, action, to_state, user, comment, revision):
    event = ReviewEvent.objects.create(
        review=locked.review, action=action, from_state=locked.state, to_state=to_state,
        user=user, comment=comment or "", revision=revision,
    )
    locked.review.state = to_state
    locked.review.save()
    return event


def _require_board_member(user, lang):
    _check_language(lang)
    if not is_board_member(user):
        raise ReviewRefused(
            _("%(user)s is not an active member of the Medical Advisory Board: only board members review articles.")
            % {"user": _who(user)}
        )
    if not reads_language(user, lang):
        raise ReviewRefused(
            _("%(user)s does not review %(language)s texts (their board profile lists: %(languages)s).")
            % {
                "user": _who(user),
                "language": _language_name(lang),
                "languages": ", ".join(board_profile(user).language_codes) or "-",
            }
        )


def _require_waiting_for_review(locked):
    if locked.state in (ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW):
        return
    if locked.state == ReviewState.APPROVED:
        message = _("The %(language)s version of “%(slug)s” is already approved as it stands.")
    elif locked.state == ReviewState.CHANGES_REQUESTED:
        message = _(
            "Changes were requested on the %(language)s version of “%(slug)s”; it must be submitted again first."
        )
    else:
        message = _("The %(language)s version of “%(slug)s” has not been submitted for review.")
    raise ReviewRefused(message % locked.label)


# --- actions --------------------------------------------------------------------------------


def submit(article, lang, user, comment="", *, require_checklist=False):
    """Hand a language version to the board: Draft / Changes requested -> Submitted.
    ``require_checklist``: refuse (``ChecklistFailed``) while a trust checklist item fails."""
    _check_language(lang)
    if not may_submit(user):
        raise ReviewRefused(
            _("%(user)s may not submit articles for medical review (editors, chief medical editors "
              "and translators may).") % {"user": _who(user)}
        )
    with transaction.atomic():
        locked = _lock(article, lang)
        changed_since_approval = locked.review.state == ReviewState.APPROVED
        if locked.state == ReviewState.APPROVED:
            raise ReviewRefused(_("The %(language)s version of “%(slug)s” is already approved as it stands.") % locked.label)
        if locked.state in (ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW) and not changed_since_approval:
            raise ReviewRefused(
                _("The %(language)s version of “%(slug)s” is already waiting for review (%(state)s).")
                % {**locked.label, "state": ReviewState(locked.state).label}
            )
        if require_checklist:
            _check_checklist(locked)
        revision = current_revision(locked.article, lang, locked.fingerprint)
        locked.review.revision = revision
        locked.review.assignee = None
        event = _record(locked, ReviewEvent.Action.SUBMIT, ReviewState.SUBMITTED, user, comment, revision)
        notifications.submitted(locked.review, event)
        return locked.review


def _check_checklist(locked):
    result = checklist.check(locked.article, locked.lang)
    if not result.passed:
        raise ChecklistFailed(
            _("The trust checklist of the %(language)s version of “%(slug)s” fails (%(items)s): "
              "confirm to submit it anyway.")
            % {**locked.label, "items": ", ".join(item.code for item in result.failing)},
            result,
        )


def start_review(article, lang, user, comment=""):
    """A board member takes a submitted version: Submitted -> Under review, assigned to them."""
    _require_board_member(user, lang)
    with transaction.atomic():
        locked = _lock(article, lang)
        if locked.state != ReviewState.SUBMITTED:
            _require_waiting_for_review(locked)
            raise ReviewRefused(
                _("The %(language)s version of “%(slug)s” is already under review.") % locked.label
            )
        revision = current_revision(locked.article, lang, locked.fingerprint)
        locked.review.assignee = user
        _record(locked, ReviewEvent.Action.START_REVIEW, ReviewState.UNDER_REVIEW, user, comment, revision)
        return locked.review


def request_changes(article, lang, user, comment):
    """A board member sends a version back to the editors, saying why: -> Changes requested.
    Sign-offs given so far no longer count (a new cycle starts)."""
    _require_board_member(user, lang)
    if not (comment or "").strip():
        raise ReviewRefused(_("Say what must change: requesting changes needs a comment."))
    with transaction.atomic():
        locked = _lock(article, lang)
        _require_waiting_for_review(locked)
        revision = current_revision(locked.article, lang, locked.fingerprint)
        editor_ids = text_editors_since_approval(locked.article, lang, locked.review)
        locked.review.cycle += 1
        event = _record(
            locked, ReviewEvent.Action.REQUEST_CHANGES, ReviewState.CHANGES_REQUESTED, user, comment, revision
        )
        notifications.changes_requested(locked.review, event, editor_ids)
        return locked.review


def approve(article, lang, user, comment="", revision_id=None):
    """A board member approves the text as it is now (``revision_id``: the revision they read;
    refused if the text changed since). Approved once the quorum is reached, else Under review."""
    _require_board_member(user, lang)
    with transaction.atomic():
        locked = _lock(article, lang)
        review = locked.review
        _require_waiting_for_review(locked)
        revision = current_revision(locked.article, lang, locked.fingerprint)
        if revision_id is not None and int(revision_id) != revision.pk:
            raise ReviewRefused(
                _("The text changed after the revision you reviewed (%(seen)s; it is now at %(current)s): "
                  "review the new text.") % {"seen": revision_id, "current": revision.pk}
            )
        editor_ids = _check_separation_of_duties(locked, user)
        approvers = list(
            review.sign_offs.filter(cycle=review.cycle, fingerprint=locked.fingerprint).select_related(
                "reviewer__board_profile"
            )
        )
        if any(sign_off.reviewer_id == user.pk for sign_off in approvers):
            raise ReviewRefused(already_approved_message())
        quorum = settings.REVIEW_QUORUM
        completes = len(approvers) + 1 >= quorum
        if completes and settings.REVIEW_REQUIRE_SPECIALTY:
            _check_specialty(locked, [s.reviewer for s in approvers] + [user])
        SignOff.objects.create(
            review=review, revision=revision, reviewer=user, fingerprint=locked.fingerprint, cycle=review.cycle
        )
        if not completes:
            return _record(locked, ReviewEvent.Action.APPROVE, ReviewState.UNDER_REVIEW, user, comment, revision).review
        now = timezone.now()
        review.approved_revision = revision
        review.approved_fingerprint = locked.fingerprint
        review.approved_cycle = review.cycle
        review.approved_at = now
        review.next_review_due = add_months(timezone.localdate(now), review_interval_months(locked.article))
        event = _record(locked, ReviewEvent.Action.APPROVE, ReviewState.APPROVED, user, comment, revision)
        notifications.approved(review, event, editor_ids)
        return review


def separation_of_duties(article, lang, review, user):
    """(why ``user`` may not approve this text, "" if they may; the ids of the users who
    changed the text since its last approval, None when the user is an author). The review
    page asks it to show the reason instead of the Approve button; approve() to refuse."""
    if article.authorships.filter(author__user=user).exists():
        return _("You are an author of this article: another board member must approve it."), None
    editor_ids = text_editors_since_approval(article, lang, review)
    if user.pk not in editor_ids:
        return "", editor_ids
    if review.approved_revision_id:
        message = _(
            "You changed this text since its last approval (revision %(revision)s): "
            "another board member must approve it."
        ) % {"revision": review.approved_revision_id}
    else:
        message = _("You wrote or edited this text: another board member must approve it.")
    return message, editor_ids


def already_approved_message():
    return _("You have already approved this text; another board member must approve it too.")


def _check_separation_of_duties(locked, user):
    """Refuses an approval by an author or an editor of the text; returns the ids of the
    users who changed the text since its last approval."""
    refusal, editor_ids = separation_of_duties(locked.article, locked.lang, locked.review, user)
    if refusal:
        raise ReviewRefused(refusal)
    return editor_ids


def _check_specialty(locked, approvers):
    topics = {topic.pk: topic for topic in locked.article.topics.all()}
    if not topics:
        raise ReviewRefused(
            _("“%(slug)s” has no topics, so no approver can be a specialist in one (REVIEW_REQUIRE_SPECIALTY).")
            % locked.label
        )
    specialists = BoardMember.objects.filter(
        user__in=[a.pk for a in approvers], is_active=True, specialties__in=list(topics)
    )
    if not specialists.exists():
        raise ReviewRefused(
            _("Approval needs a board member whose specialties include a topic of this article (%(topics)s).")
            % {"topics": ", ".join(topic.slug for topic in topics.values())}
        )


# --- status ---------------------------------------------------------------------------------


@dataclass
class VersionStatus:
    """What holds for one language version as it is stored now."""

    article: Article
    lang: str
    state: str
    review: Review | None
    revision_id: int | None  # the newest history revision of the article
    approvals: int = 0  # sign-offs of the current text in the current cycle
    quorum: int = 1
    approvers: list = field(default_factory=list)  # users of the approval in force, if approved

    @property
    def state_label(self):
        return ReviewState(self.state).label

    @property
    def changed_since_approval(self):
        return bool(self.review and self.review.approved_fingerprint) and self.state != ReviewState.APPROVED


def status(article, lang):
    fingerprint = article_fingerprint(article, lang)
    review = Review.objects.filter(article=article, language=lang).first()
    latest = _latest_version(article)
    result = VersionStatus(
        article=article, lang=lang, state=ReviewState.DRAFT, review=review,
        revision_id=latest.revision_id if latest else None, quorum=settings.REVIEW_QUORUM,
    )
    if review is None:
        return result
    result.state = review.current_state(fingerprint)
    result.approvals = review.sign_offs.filter(cycle=review.cycle, fingerprint=fingerprint).count()
    if result.state == ReviewState.APPROVED:
        result.approvers = [s.reviewer for s in review.approving_sign_offs().select_related("reviewer")]
    return result


def describe(version_status, lang=None):
    """Lines describing a VersionStatus (the ``review status`` command prints them)."""
    with override(lang or settings.LANGUAGE_CODE):
        review = version_status.review
        lines = [
            _("state: %(label)s (%(code)s)") % {"label": version_status.state_label, "code": version_status.state},
            _("revision: %(revision)s") % {"revision": version_status.revision_id or "-"},
        ]
        if review is not None and review.revision_id:
            lines.append(_("revision submitted: %(revision)s") % {"revision": review.revision_id})
        if version_status.state in (ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW):
            lines.append(
                _("approvals: %(count)s of %(quorum)s") % {"count": version_status.approvals, "quorum": version_status.quorum}
            )
        if review is not None and review.approved_fingerprint:
            lines.append(
                _("last approved revision: %(revision)s%(note)s")
                % {
                    "revision": review.approved_revision_id or "-",
                    "note": _(" (the text has changed since)") if version_status.changed_since_approval else "",
                }
            )
        if version_status.approvers:
            names = [
                ", ".join(part for part in (reviewer_name(u), reviewer_credentials(u, version_status.lang)) if part)
                + f" [{u.get_username()}]"
                for u in version_status.approvers
            ]
            lines.append(_("approved by: %(names)s") % {"names": "; ".join(names)})
        if review is not None and review.approved_at:
            lines.append(_("last reviewed: %(date)s") % {"date": timezone.localdate(review.approved_at).isoformat()})
        if review is not None and review.next_review_due:
            overdue = _(" (overdue)") if review.is_overdue() else ""
            lines.append(
                _("next review due: %(date)s%(overdue)s")
                % {"date": review.next_review_due.isoformat(), "overdue": overdue}
            )
        return lines
