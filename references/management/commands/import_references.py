"""manage.py import_references FILE.json: a CSL-JSON array into the reference library."""

import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from references.csl import ReferenceImportError, import_reference_items, read_csl_json_file


class Command(BaseCommand):
    help = (
        "Import a CSL-JSON array (as exported by Zotero, Mendeley or Pandoc) into the reference "
        "library: a reference is created, or updated when its key (id) exists. All or nothing, "
        "unless --skip-invalid: then the valid items are imported and the refused ones listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.json")
        parser.add_argument("--user", help="username recorded as the author of the revision")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid items and list the refused ones (FILE:LINE: item ID: problem), exit 1 if any",
        )

    def handle(self, *args, file, user=None, skip_invalid=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            account = None
            if user:
                account = get_user_model().objects.filter(username=user).first()
                if account is None:
                    self.stderr.write("import_references: " + _("no user “%(user)s”.") % {"user": user})
                    sys.exit(1)
            try:
                report = import_reference_items(
                    read_csl_json_file(file), source=file, user=account, skip_invalid=skip_invalid
                )
            except ReferenceImportError as error:
                for line in error.lines:
                    self.stderr.write(line)
                self.stderr.write(
                    "import_references: " + _("nothing imported (%(problems)s).") % {"problems": _problems(len(error.lines))}
                )
                sys.exit(1)
            for line, kind in zip(report.lines, report.kinds, strict=True):
                if kind != "refused":
                    self.stdout.write(line)
            refused = report.lines_of("refused")
            for line in refused:
                self.stderr.write(line)
            if refused:
                sys.exit(1)


def _problems(count):
    return ngettext("%(count)s problem", "%(count)s problems", count) % {"count": count}
