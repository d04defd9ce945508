"""Readers' follow-up questions about an article, and their triage by the editors.

Imported by models.py (the app's models module); the rules live in followups/rules.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FollowUpQuestionQuerySet(models.QuerySet):
    def emails_to_purge(self, *, older_than):
        """Questions still holding an address: sent an answer, or asked before ``older_than``."""
        return self.exclude(email="").filter(Q(answer_emailed_at__isnull=False) | Q(created_at__lt=older_than))


class FollowUpQuestion(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ANSWERED = "answered", _("Answered")
        ARTICLE = "article", _("Turned into an article")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="follow_up_questions", verbose_name=_("article")
    )
    question = models.TextField(_("question"), max_length=2000)
    email = models.EmailField(
        _("email address"),
        blank=True,
        help_text=_("Only to tell the asker about the answer; deleted once they are told or after the retention period."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    persona = models.ForeignKey(
        "articles.Persona", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("reader")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    answer_article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answered_follow_up_questions",
        verbose_name=_("answering article"),
        help_text=_("The published article that answers the question; the asker is emailed a link to it."),
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True, db_index=True)
    answer_emailed_at = models.DateTimeField(_("answer emailed"), null=True, blank=True)

    objects = FollowUpQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("follow-up question")
        verbose_name_plural = _("follow-up questions")
        permissions = [("triage_followupquestion", _("Can triage follow-up questions and see askers' email addresses"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_article__isnull=True) | Q(status__in=["answered", "article"]),
                name="followup_answer_article_only_when_answered",
            ),
        ]

    def __str__(self):
        return self.question[:80]
