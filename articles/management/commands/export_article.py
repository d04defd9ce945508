"""manage.py export_article SLUG --lang LANG: one language version of an article, as a file."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from articles.files.fileformat import dump_article
from articles.models import LANGUAGE_CODES, Article


class Command(BaseCommand):
    help = "Write one language version of an article to stdout in the article file format (UTF-8)."

    def add_arguments(self, parser):
        parser.add_argument("slug", metavar="SLUG")
        parser.add_argument("--lang", required=True, help=f"one of: {', '.join(LANGUAGE_CODES)}")
        parser.add_argument("--output", "-o", help="write to this file instead of stdout")

    def fail(self, message):
        self.stderr.write(f"export_article: {message}")
        sys.exit(1)

    def handle(self, *args, slug, lang, output=None, **options):
        # Messages in the site's language (English by default), the file in its own.
        with translation.override(settings.LANGUAGE_CODE):
            if lang not in LANGUAGE_CODES:
                self.fail(
                    _("--lang “%(lang)s” is not one of: %(languages)s.")
                    % {"lang": lang, "languages": ", ".join(LANGUAGE_CODES)}
                )
            article = Article.objects.filter(slug=slug).first()
            if article is None:
                self.fail(_("no article with slug “%(slug)s”.") % {"slug": slug})
            if lang not in article.languages():
                have = ", ".join(article.languages()) or _("none")
                self.fail(
                    _("article “%(slug)s” has no %(lang)s version (it has: %(have)s).")
                    % {"slug": slug, "lang": lang, "have": have}
                )
            with translation.override(lang):
                text = dump_article(article, lang)
            if output:
                try:
                    with open(output, "w", encoding="utf-8", newline="\n") as handle:
                        handle.write(text)
                except OSError as error:
                    self.fail(
                        _("cannot write %(file)s: %(error)s.") % {"file": output, "error": error.strerror or error}
                    )
                return
        write_utf8(self.stdout, text)


def write_utf8(stdout, text):
    """Write text to a command's stdout as UTF-8, whatever the locale of the terminal."""
    stream = getattr(stdout, "_out", stdout)
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stdout.write(text, ending="")
