"""manage.py check_retractions: ask Crossref and PubMed whether references were retracted.

Meant for a daily cron job (see README). Prints a summary; exits non-zero only when a
service could not be reached at all.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from references.retractions import check_library


class Command(BaseCommand):
    help = "Ask Crossref and PubMed for retraction and correction notices of every reference in the library."

    def handle(self, *args, **options):
        report = check_library()
        write = self.stdout.write
        write(
            _("Checked %(count)s references (DOIs asked of Crossref: %(dois)s; PMIDs asked of PubMed: %(pmids)s).")
            % {"count": report.checked, "dois": report.dois, "pmids": report.pmids}
        )
        keys = ", ".join(key for key, _line in report.newly_retracted)
        write(
            _("Newly retracted: %(count)s%(keys)s")
            % {"count": len(report.newly_retracted), "keys": f" ({keys})" if keys else ""}
        )
        for _key, line in report.newly_retracted:
            write(f"  {line}")
        write(_("New corrections and other notices: %(count)s") % {"count": len(report.notices)})
        for _key, line in report.notices:
            write(f"  {line}")
        write(_("Errors: %(count)s") % {"count": len(report.errors)})
        for line in report.errors:
            write(f"  {line}")
        if report.unreachable:
            raise CommandError(
                _("Could not reach %(services)s at all; nothing was checked there.")
                % {"services": ", ".join(state.name for state in report.unreachable)}
            )
