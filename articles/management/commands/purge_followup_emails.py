"""Delete askers' email addresses kept beyond FOLLOWUP_EMAIL_RETENTION_DAYS (run daily from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.followups.rules import purge_emails


class Command(BaseCommand):
    help = (
        "Delete the email addresses of follow-up questions whose asker was already told, or that "
        "are older than FOLLOWUP_EMAIL_RETENTION_DAYS. Meant to run daily from cron."
    )

    def handle(self, *args, **options):
        count = purge_emails()
        self.stdout.write(
            f"Deleted {count} email address(es) of follow-up questions "
            f"(retention: {settings.FOLLOWUP_EMAIL_RETENTION_DAYS} days)."
        )
