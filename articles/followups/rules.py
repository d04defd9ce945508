"""The rules of readers' follow-up questions: asking, the rate limit, telling the asker, purging.

- A question is stored against a published article with the reader's language and persona.
- Each client (IP address) may send ``FOLLOWUP_RATE_LIMIT`` questions per
  ``FOLLOWUP_RATE_WINDOW_SECONDS``; the count lives in the cache, so with a shared cache
  (``CACHE_URL``) it holds across app servers.
- When an editor marks a question answered with an answering article, the asker (if they left
  an address) is emailed a link after the transaction commits; a failing mail server is logged
  and never fails the editor's request. Once told, the address is deleted.
- ``purge_emails`` deletes addresses kept longer than ``FOLLOWUP_EMAIL_RETENTION_DAYS``.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import FollowUpQuestion

logger = logging.getLogger(__name__)

RATE_KEY = "followup-rate:{ip}"


def take_rate_slot(ip):
    """Count one question from ``ip``; False when it has used up its questions in this window."""
    key = RATE_KEY.format(ip=ip)
    cache.add(key, 0, timeout=settings.FOLLOWUP_RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window starts
        cache.add(key, 1, timeout=settings.FOLLOWUP_RATE_WINDOW_SECONDS)
        count = 1
    return count <= settings.FOLLOWUP_RATE_LIMIT


def ask(article, *, question, email, language, persona):
    return FollowUpQuestion.objects.create(
        article=article, question=question, email=email, language=language, persona=persona
    )


ANSWERED = (FollowUpQuestion.Status.ANSWERED, FollowUpQuestion.Status.ARTICLE)


def answer_is_ready(question):
    """Whether the asker should be emailed now (answered, with an article, address kept, not told yet)."""
    return bool(
        question.status in ANSWERED
        and question.answer_article_id
        and question.email
        and question.answer_emailed_at is None
    )


def email_answer_after_commit(question, article_url):
    """Once the current transaction commits, email the asker the answering article's address."""
    if answer_is_ready(question):
        transaction.on_commit(lambda: send_answer_email(question.pk, article_url), robust=True)


def _claim(question_pk):
    """Mark the answer as being sent, unless someone else already did (two editors saving at
    once send one email): True if this caller is to send it."""
    return bool(
        FollowUpQuestion.objects.filter(
            pk=question_pk, status__in=ANSWERED, answer_article__isnull=False, answer_emailed_at__isnull=True
        )
        .exclude(email="")
        .update(answer_emailed_at=timezone.now())
    )


def send_answer_email(question_pk, article_url):
    """Send the answer and forget the address; on any failure log it and keep the address
    (saving the question again retries). Never raises."""
    try:
        if not _claim(question_pk):
            return
        question = FollowUpQuestion.objects.select_related("article").get(pk=question_pk)
        with translation.override(question.language):
            subject = _("Your question to MedCMS has been answered")
            body = _(
                "Thank you for your question about “%(article)s”:\n\n%(question)s\n\n"
                "Our editors have answered it here:\n%(url)s\n\n"
                "We have now deleted your email address."
            ) % {
                "article": question.article.text("title", question.language) or question.article.slug,
                "question": question.question,
                "url": article_url,
            }
        send_mail(subject, body, None, [question.email])
    except Exception:
        logger.exception("Could not email the answer to follow-up question %s", question_pk)
        try:
            FollowUpQuestion.objects.filter(pk=question_pk).update(answer_emailed_at=None)
        except Exception:
            logger.exception("Could not release follow-up question %s for a retry", question_pk)
        return
    FollowUpQuestion.objects.filter(pk=question_pk).update(email="")


def forget_email_if_spam(question):
    """Spam keeps no address; True if the address was forgotten."""
    if question.status == FollowUpQuestion.Status.SPAM and question.email:
        question.email = ""
        return True
    return False


def purge_emails(*, now=None):
    """Delete the addresses of askers already told, or kept beyond the retention period;
    returns how many were deleted."""
    now = now or timezone.now()
    older_than = now - timedelta(days=settings.FOLLOWUP_EMAIL_RETENTION_DAYS)
    return FollowUpQuestion.objects.emails_to_purge(older_than=older_than).update(email="")
