"""manage.py review_reminders [--days N] [--no-email]: list the language versions whose
periodic medical review is overdue or due within N days (default 30), one line each, and email
the board a summary. Run it daily from cron; a second run on the same day lists again but does
not email again. Exits 0.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reviews.models import ReminderLog
from reviews.workflow import notifications
from reviews.workflow.reminders import due_reviews


def _summary_message(facts):
    lines, days, url = facts
    subject = _("Medical reviews overdue or due within %(days)s days: %(count)s") % {
        "days": days, "count": len(lines)
    }
    return subject, [*lines, _("The review queue in the admin: %(url)s") % {"url": url}]


class Command(BaseCommand):
    help = "List overdue and soon-due medical reviews and email the board a summary (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="how far ahead 'due soon' looks (default 30)")
        parser.add_argument("--no-email", action="store_true", help="list only; send no email")

    def handle(self, *args, days, no_email=False, **options):
        today = timezone.localdate()
        with translation.override(settings.LANGUAGE_CODE):
            due = due_reviews(max(days, 0), today)
            lines = [item.line() for item in due]
            for line in lines:
                self.stdout.write(line)
            if not lines:
                self.stdout.write(_("No medical review is overdue or due within %(days)s days.") % {"days": days})
                return
            if no_email:
                return
            recipients = notifications.board_members_with_email()
            if not recipients:
                self.stdout.write(_("No active board member has an email address: no summary sent."))
                return
            try:
                with transaction.atomic():
                    ReminderLog.objects.create(day=today)
            except IntegrityError:
                self.stdout.write(_("The board was already emailed today: no summary sent again."))
                return
            url = settings.SITE_URL + reverse("admin:index")
            if notifications.send_now(recipients, _summary_message, (lines, days, url)):
                self.stdout.write(
                    _("Summary emailed to %(count)s board member(s).") % {"count": len(recipients)}
                )
            else:
                ReminderLog.objects.filter(day=today).delete()  # try again on the next run
                self.stdout.write(_("The summary email could not be sent (see the log); the next run tries again."))
