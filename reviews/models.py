"""The Medical Advisory Board and its sign-off of each language version of an article.

- ``BoardMember``: a board member's public profile (credentials, specialties, disclosure,
  languages reviewed). A member of the "Medical Advisory Board" group without a profile can
  still review (any language); readers then see the user's full name.
- ``Review``: one per language version of an article: its workflow state, the revision
  submitted, the last approval (revision, fingerprint, date, next review due).
- ``ReviewEvent``: the append-only timeline of a review (who did what, when, why).
- ``ReviewComment``: the discussion of a review (append-only), shown on its page in the queue.
- ``ReviewQueue``: a proxy of Review, the admin's "My review queue" (``reviews/queue/rows.py``).
- ``SignOff``: one board member's approval of one language version at one revision, with the
  fingerprint of the exact text approved (``reviews/workflow/fingerprint.py``).

The rules (who may do what, quorum, separation of duties) are in ``reviews/workflow/rules.py``.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Topic

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def parse_languages(value):
    return [code.strip() for code in (value or "").split(",") if code.strip()]


def validate_languages(value):
    codes = parse_languages(value)
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s. Use %(known)s."),
            params={"codes": ", ".join(unknown), "known": ", ".join(LANGUAGE_CODES)},
        )
    if not codes:
        raise ValidationError(_("Give at least one language this member reviews."))


class BoardMemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)


class BoardMember(models.Model):
    """The public profile of a member of the Medical Advisory Board (edited by the chief editor)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), on_delete=models.CASCADE,
        related_name="board_profile",
    )
    display_name = models.CharField(
        _("name shown"), max_length=200, blank=True, help_text=_("Empty: the user's full name.")
    )
    credentials = models.CharField(_("credentials"), max_length=200, blank=True, help_text=_("e.g. MD, PhD"))
    specialties = models.ManyToManyField(
        Topic, verbose_name=_("specialties"), blank=True, related_name="board_members"
    )
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    licence_number = models.CharField(_("licence or registry number"), max_length=100, blank=True)
    disclosure = models.TextField(
        _("disclosure"), blank=True, help_text=_("Conflicts of interest; leave empty only if there are none.")
    )
    bio = models.TextField(_("biography"), blank=True)
    languages = models.CharField(
        _("languages reviewed"), max_length=100, validators=[validate_languages],
        help_text=_("Language codes, comma-separated (en, zh-hans)."),
    )
    photo_url = models.URLField(_("photo URL"), max_length=500, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active members may review and are listed on the board page.")
    )

    objects = BoardMemberQuerySet.as_manager()

    class Meta:
        ordering = ["display_name", "user__username"]
        verbose_name = _("board member")
        verbose_name_plural = _("board members")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.display_name or self.user.get_full_name() or self.user.get_username()

    @property
    def language_codes(self):
        return parse_languages(self.languages)

    def reads(self, lang):
        return lang in self.language_codes


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")


# The text as stored now is the approved one: Review.is_approved(live_fingerprint), in SQL.
APPROVED_TEXT = ~Q(approved_fingerprint="") & Q(approved_fingerprint=models.F("live_fingerprint"))


def current_state_in(*states):
    """The condition "``Review.current_state()`` of the stored text is one of ``states``" on
    the columns themselves (not on the ``with_current_state()`` annotation), so that the
    partial indexes of the review queue (Review.Meta), built from the same condition, serve it."""
    stored = set()
    for state in states:
        if state != ReviewState.APPROVED:
            # An approved text edited since is pending (submitted) again.
            stored |= {state, ReviewState.APPROVED} if state == ReviewState.SUBMITTED else {state}
    condition = ~APPROVED_TEXT & Q(state__in=sorted(stored)) if stored else None
    if ReviewState.APPROVED in states:
        condition = APPROVED_TEXT if condition is None else condition | APPROVED_TEXT
    return condition


class ReviewQuerySet(models.QuerySet):
    def with_current_state(self):
        """Annotates ``current_state``: ``Review.current_state()`` of the stored text, in SQL,
        from ``live_fingerprint``: approved while it equals the approved fingerprint, pending
        (submitted) again once an approved text changed, else the stored state."""
        return self.annotate(
            current_state=models.Case(
                models.When(APPROVED_TEXT, then=models.Value(ReviewState.APPROVED)),
                models.When(state=ReviewState.APPROVED, then=models.Value(ReviewState.SUBMITTED)),
                default=models.F("state"),
                output_field=models.CharField(),
            )
        )

    def for_version(self, article, lang):
        return self.filter(article=article, language=lang)

    def overdue(self, today=None):
        """Versions whose periodic re-review is past due (next review due before today)."""
        return self.filter(next_review_due__lt=today or timezone.localdate())

    def due_within(self, days, today=None):
        """Versions whose next review is due from today to ``days`` days from now (not yet overdue)."""
        today = today or timezone.localdate()
        return self.filter(next_review_due__gte=today, next_review_due__lte=today + datetime.timedelta(days=days))


class Review(models.Model):
    """The medical review of one language version of an article.

    ``state`` is the stored workflow state; what holds for the text as it is now is
    ``current_state(fingerprint)``: the text is approved exactly while its fingerprint equals
    ``approved_fingerprint``, whatever happened since; an approved text that changed is
    pending (submitted) again.

    Approvals are counted per *cycle*: a request for changes starts a new cycle, so sign-offs
    given before it no longer count towards the quorum.
    """

    State = ReviewState

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reviews")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    state = models.CharField(_("state"), max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT)
    revision = models.ForeignKey(
        "reversion.Revision", verbose_name=_("revision submitted"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", help_text=_("The board member who started the review."),
    )
    assigned_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), blank=True, related_name="assigned_reviews",
        help_text=_("Board members the chief medical editor asked to review this language version."),
    )
    cycle = models.PositiveIntegerField(default=1)
    approved_revision = models.ForeignKey(
        "reversion.Revision", verbose_name=_("revision approved"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    approved_fingerprint = models.CharField(max_length=64, blank=True)
    # The fingerprint of this language version's text as stored now, kept by reviews/hooks/live.py
    # (every save of the article or of a reference it cites): lists such as the review queue
    # tell "approved" from "edited since" in SQL, without hashing every approved text.
    live_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    approved_cycle = models.PositiveIntegerField(null=True, blank=True)
    approved_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["article", "language"]
        verbose_name = _("medical review")
        verbose_name_plural = _("medical reviews")
        permissions = [
            ("submit_review", _("Can submit a language version of an article for medical review")),
            ("view_checklist_report", _("Can see the report of published articles failing the trust checklist")),
            ("assign_review", _("Can assign medical reviews to board members")),
        ]
        # The review queue's tabs (reviews/queue/rows.py), each read in its order from its own
        # index: a page is an index range, a count an index-only scan of that tab's rows.
        indexes = [
            models.Index(
                fields=["updated_at", "id"],
                condition=current_state_in(ReviewState.SUBMITTED, ReviewState.UNDER_REVIEW),
                include=["assignee", "language"],  # the tabs "mine" and "open" count from the index
                name="review_queue_waiting",
            ),
            models.Index(
                fields=["updated_at", "id"],
                condition=current_state_in(ReviewState.CHANGES_REQUESTED),
                name="review_queue_changes",
            ),
            models.Index(
                fields=["updated_at", "id", "next_review_due"], condition=current_state_in(ReviewState.APPROVED),
                include=["state"],  # the queue leaves out drafts: counted from the index alone
                name="review_queue_approved",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="unique_review_per_language"),
            models.CheckConstraint(
                condition=~Q(state="approved") | ~Q(approved_fingerprint=""), name="approved_review_has_fingerprint"
            ),
        ]

    def __str__(self):
        return f"{self.article.slug} [{self.language}]"

    def is_approved(self, fingerprint):
        return bool(self.approved_fingerprint) and fingerprint == self.approved_fingerprint

    def current_state(self, fingerprint):
        """The state of the text whose fingerprint is given."""
        if self.is_approved(fingerprint):
            return ReviewState.APPROVED
        if self.state == ReviewState.APPROVED:
            return ReviewState.SUBMITTED  # approved text changed since: pending again
        return self.state

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.next_review_due is not None and self.next_review_due < today

    def approving_sign_offs(self):
        """The sign-offs that make the last approval (empty if never approved)."""
        if not self.approved_fingerprint:
            return SignOff.objects.none()
        return self.sign_offs.filter(cycle=self.approved_cycle, fingerprint=self.approved_fingerprint)


class ReviewSchedule(models.Model):
    """Per-article override of how long an approval lasts before the next review is due."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="review_schedule")
    interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"), help_text=_("Months from an approval to the next review due.")
    )

    class Meta:
        verbose_name = _("review schedule")
        verbose_name_plural = _("review schedules")
        constraints = [
            models.CheckConstraint(condition=Q(interval_months__gte=1), name="review_interval_at_least_a_month"),
        ]

    def __str__(self):
        return f"{self.article.slug}: {self.interval_months}"


class ReviewEvent(models.Model):
    """One step in a review's timeline. Append-only: events are never changed or deleted."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for review")
        START_REVIEW = "start_review", _("Started review")
        APPROVE = "approve", _("Approved")
        REQUEST_CHANGES = "request_changes", _("Requested changes")
        REFERENCE_RETRACTED = "reference_retracted", _("Cited reference retracted")
        APPROVED_TEXT_CHANGED = "approved_text_changed", _("Approved text changed")
        APPROVED_TEXT_BACK = "approved_text_back", _("Approved text back")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=20, choices=ReviewState.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=ReviewState.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    revision = models.ForeignKey(
        "reversion.Revision", verbose_name=_("revision"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("review event")
        verbose_name_plural = _("review events")

    def __str__(self):
        return f"{self.review} {self.action} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Review events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Review events are append-only.")


class ReviewComment(models.Model):
    """A message in a review's discussion. Append-only: comments are never changed or deleted."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"))
    created = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["created", "id"]
        default_permissions = ("add", "view")
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="review_comment_has_text"),
        ]

    def __str__(self):
        return f"{self.review} {self.created:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Review comments are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Review comments are append-only.")


class ReviewQueue(Review):
    """The admin's review queue: the language versions waiting for the board, sent back for
    changes, or due for their periodic review (``reviews/queue/rows.py``)."""

    class Meta:
        proxy = True
        default_permissions = ("view",)
        verbose_name = _("my review queue")
        verbose_name_plural = _("my review queue")


class SignOff(models.Model):
    """One board member's approval of one language version at one revision."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="sign_offs")
    revision = models.ForeignKey("reversion.Revision", on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sign_offs")
    fingerprint = models.CharField(max_length=64, help_text=_("A digest of the exact text approved, with what its citations show."))
    cycle = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        constraints = [
            models.UniqueConstraint(fields=["review", "revision", "reviewer"], name="one_sign_off_per_reviewer_revision"),
        ]

    def __str__(self):
        return f"{self.review} r{self.revision_id} {self.reviewer}"

    @property
    def language(self):
        return self.review.language


class ReminderLog(models.Model):
    """The days ``manage.py review_reminders`` emailed the board: one summary a day at most."""

    day = models.DateField(unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")

    def __str__(self):
        return self.day.isoformat()
from .audit.models import AuditEvent  # noqa: E402, F401  (the audit trail's model)
