"""manage.py import_article FILE [FILE ...]: article files in, all or nothing."""

import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.files.importing import ArticleImportError, import_article_files


class Command(BaseCommand):
    help = (
        "Import article files (Markdown with YAML front matter, one language version each; "
        "see docs/article-format.md). All files are imported in one transaction: any error "
        "means nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="article files (.md)")
        parser.add_argument("--user", help="username recorded as the author of the revisions")
        parser.add_argument(
            "--force",
            action="store_true",
            help="import a file exported from an older revision even if the article was edited since",
        )

    def handle(self, *args, files, user=None, force=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            account = None
            if user:
                account = get_user_model().objects.filter(username=user).first()
                if account is None:
                    self.stderr.write("import_article: " + _("no user “%(user)s”.") % {"user": user})
                    raise SystemExit(1)
            try:
                report = import_article_files(files, user=account, force=force)
            except ArticleImportError as error:
                for line in error.lines:
                    self.stderr.write(line)
                self.stderr.write(
                    "import_article: " + _("nothing imported (%(problems)s).") % {"problems": _problems(len(error.lines))}
                )
                sys.exit(1)
            for line in report.lines:
                self.stdout.write(line)


def _problems(count):
    return ngettext("%(count)s problem", "%(count)s problems", count) % {"count": count}
