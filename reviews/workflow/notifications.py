"""Review emails: to the board when a language version is submitted, to its editors when
changes are requested or it is approved, and the board's daily reminder summary.

Who gets an email and what it says is decided inside the action's transaction (the facts as
they were); the messages are sent only once that transaction has committed
(``transaction.on_commit``), each in its recipient's language, one message per recipient. A
mail server that is down or refuses is logged and otherwise ignored: it never fails, rolls
back or undoes the action (``settings.EMAIL_TIMEOUT`` bounds how long a send may wait).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from articles.staff import roles

from ..models import BoardMember, ReviewEvent, ReviewState
from .people import board_profile

log = logging.getLogger(__name__)


def language_name(lang):
    return str(dict(settings.LANGUAGES).get(lang, lang))


def recipient_language(user):
    """The interface language of a recipient's emails: the site's, unless their board profile
    lists only other languages (then the first of those)."""
    profile = board_profile(user)
    codes = profile.language_codes if profile is not None else []
    if not codes or settings.LANGUAGE_CODE in codes:
        return settings.LANGUAGE_CODE
    return codes[0]


def admin_url(article):
    return settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def _reachable(users, exclude=None):
    return [u for u in users if u.is_active and u.email and (exclude is None or u.pk != exclude.pk)]


def board_reviewers(lang):
    """Active board members who review ``lang``: a profile listing it, or the board group
    without a profile (they may review any language)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    with_profile = BoardMember.objects.active().filter(user__in=users)
    readers = [member.user for member in with_profile.select_related("user") if member.reads(lang)]
    without_profile = users.filter(groups__name=roles.BOARD, board_profile__isnull=True).distinct()
    return readers + list(without_profile)


def board_members_with_email():
    """Every active board member with an email address (whatever languages they review)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    with_profile = [m.user for m in BoardMember.objects.active().filter(user__in=users).select_related("user")]
    return with_profile + list(users.filter(groups__name=roles.BOARD, board_profile__isnull=True).distinct())


def version_editors(review, event, editor_ids=()):
    """Who submitted the version since its last approval before ``event``, and who changed its
    text (``editor_ids``, from workflow.text_editors_since_approval)."""
    events = review.events.exclude(pk=event.pk)
    last_approval = (
        events.filter(action=ReviewEvent.Action.APPROVE, to_state=ReviewState.APPROVED).order_by("-id").first()
    )
    submits = events.filter(action=ReviewEvent.Action.SUBMIT).exclude(user=None)
    if last_approval is not None:
        submits = submits.filter(id__gt=last_approval.id)
    submitter_ids = set(submits.values_list("user_id", flat=True))
    return list(get_user_model().objects.filter(pk__in=submitter_ids | set(editor_ids)).order_by("pk"))


@dataclass(frozen=True)
class Facts:
    """What an email says, captured when the action happens."""

    slug: str
    titles: dict  # {lang: title}
    lang: str
    actor: str
    comment: str
    url: str

    @classmethod
    def of(cls, review, event):
        article = review.article
        actor = event.user
        return cls(
            slug=article.slug,
            titles={code: article.text("title", code) for code, _name in settings.LANGUAGES},
            lang=review.language,
            actor=(actor.get_full_name() or actor.get_username()) if actor is not None else "",
            comment=event.comment,
            url=admin_url(article),
        )

    @property
    def title(self):
        return self.titles.get(self.lang) or self.slug

    def words(self):
        return {"title": self.title, "slug": self.slug, "language": language_name(self.lang), "user": self.actor}


def _submitted_message(facts):
    subject = _("Submitted for medical review: %(title)s (%(language)s)") % facts.words()
    lines = [_("%(user)s submitted the %(language)s version of “%(title)s” for medical review.") % facts.words()]
    if facts.comment:
        lines.append(_("Comment: %(comment)s") % {"comment": facts.comment})
    lines.append(_("Review it in the admin: %(url)s") % {"url": facts.url})
    return subject, lines


def _changes_requested_message(facts):
    subject = _("Changes requested: %(title)s (%(language)s)") % facts.words()
    lines = [
        _("%(user)s asked for changes to the %(language)s version of “%(title)s”:") % facts.words(),
        facts.comment,
        _("Revise the text and submit it again: %(url)s") % {"url": facts.url},
    ]
    return subject, lines


def _approved_message(facts):
    subject = _("Medically approved: %(title)s (%(language)s)") % facts.words()
    lines = [_("%(user)s approved the %(language)s version of “%(title)s”.") % facts.words()]
    if facts.comment:
        lines.append(_("Comment: %(comment)s") % {"comment": facts.comment})
    lines.append(_("The article in the admin: %(url)s") % {"url": facts.url})
    return subject, lines


def _retracted_message(facts):
    subject = _("Back to medical review: %(title)s (%(language)s)") % facts.words()
    lines = [
        _("The %(language)s version of “%(title)s” is waiting for medical review again.") % facts.words(),
        facts.comment,
        _("Review it in the admin: %(url)s") % {"url": facts.url},
    ]
    return subject, lines


def send_after_commit(recipients, compose, facts):
    """Send ``compose(facts)`` (subject, lines) to each recipient once the transaction commits."""
    recipients = list(recipients)
    if recipients:
        transaction.on_commit(lambda: send_now(recipients, compose, facts))


def send_now(recipients, compose, facts):
    """Build and send one message per recipient, in their language. Never raises."""
    try:
        messages = []
        for user in recipients:
            with override(recipient_language(user)):
                subject, lines = compose(facts)
                messages.append(
                    EmailMessage(subject=" ".join(str(subject).split()), body="\n\n".join(map(str, lines)) + "\n",
                                 to=[user.email])
                )
        get_connection().send_messages(messages)
    except Exception:  # a mail server down or refusing must never fail the action
        log.exception("Review email not sent (%s)", ", ".join(user.email for user in recipients))
        return False
    return True


# --- the workflow's hooks (called inside its transaction) -----------------------------------


def submitted(review, event):
    send_after_commit(_reachable(board_reviewers(review.language), event.user), _submitted_message,
                      Facts.of(review, event))


def changes_requested(review, event, editor_ids=()):
    send_after_commit(_reachable(version_editors(review, event, editor_ids), event.user), _changes_requested_message,
                      Facts.of(review, event))


def approved(review, event, editor_ids=()):
    send_after_commit(_reachable(version_editors(review, event, editor_ids), event.user), _approved_message,
                      Facts.of(review, event))


def reference_retracted(review, event):
    send_after_commit(_reachable(board_reviewers(review.language), event.user), _retracted_message,
                      Facts.of(review, event))
