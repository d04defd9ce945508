"""manage.py backup FILE: everything the site holds in one file (articles/files/backup.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.files.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Write everything (content in every language with its history, references, reviews, users) to FILE (.gz: compressed)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            counts = write_backup(file)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Wrote %(rows)s rows of %(kinds)s kinds to %(file)s.")
            % {"rows": sum(counts.values()), "kinds": len(counts), "file": file}
        )
