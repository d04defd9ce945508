"""manage.py export_references [KEY ...]: the reference library as a CSL-JSON array."""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from references.csl import reference_to_item
from references.models import Reference


class Command(BaseCommand):
    help = "Write the reference library (or the given keys) as a CSL-JSON array, UTF-8, to stdout."

    def add_arguments(self, parser):
        parser.add_argument("keys", nargs="*", metavar="KEY", help="only these references (default: all)")
        parser.add_argument("--output", "-o", help="write to this file instead of stdout")

    def handle(self, *args, keys=(), output=None, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(keys, output)

    def _handle(self, keys, output):
        references = Reference.objects.order_by("key")
        if keys:
            references = references.filter(key__in=keys)
            missing = sorted(set(keys) - set(references.values_list("key", flat=True)))
            if missing:
                for key in missing:
                    self.stderr.write("export_references: " + _("no reference “%(key)s”.") % {"key": key})
                sys.exit(1)
        text = json.dumps([reference_to_item(ref) for ref in references], ensure_ascii=False, indent=2) + "\n"
        if output:
            try:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text)
            except OSError as error:
                self.stderr.write(
                    "export_references: "
                    + _("cannot write %(file)s: %(error)s.") % {"file": output, "error": error.strerror or error}
                )
                sys.exit(1)
            count = references.count()
            self.stdout.write(
                ngettext("Wrote %(count)s reference to %(file)s.", "Wrote %(count)s references to %(file)s.", count)
                % {"count": count, "file": output}
            )
            return
        stream = getattr(self.stdout, "_out", self.stdout)
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            stream.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            self.stdout.write(text, ending="")
