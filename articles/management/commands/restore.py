"""manage.py restore FILE: load a backup into an empty, migrated database (all or nothing)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from articles.files.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Load a backup made by `backup` into an empty, freshly migrated database (SQLite or PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            rows = restore_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise CommandError(_("Nothing was restored: %(error)s") % {"error": message}) from None
        self.stdout.write(_("Restored %(rows)s rows from %(file)s.") % {"rows": rows, "file": file})
