"""manage.py review submit|start-review|approve|request-changes|status SLUG --lang LANG --user USERNAME
[--comment TEXT]: the medical review's rules from the command line (reviews/workflow/rules.py).

A refused action prints one line saying why and exits non-zero, without a traceback.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from articles.models import Article
from reviews.workflow import checklist
from reviews.workflow import rules as workflow

ACTIONS = {
    "submit": workflow.submit,
    "start-review": workflow.start_review,
    "approve": workflow.approve,
    "request-changes": workflow.request_changes,
}


class Command(BaseCommand):
    help = "Move a language version of an article through the medical review, or show its state."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=[*ACTIONS, "status"])
        parser.add_argument("slug", metavar="SLUG")
        parser.add_argument("--lang", required=True, help="the language version (en, zh-hans)")
        parser.add_argument("--user", help="who acts (required for every action but status)")
        parser.add_argument("--comment", default="", help="why; required to request changes")
        parser.add_argument(
            "--require-checklist", action="store_true",
            help="submit: refuse while a trust checklist item fails (by default they are printed as warnings)",
        )

    def handle(self, *args, action, slug, lang, user=None, comment="", require_checklist=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            article = Article.objects.filter(slug=slug).first()
            if article is None:
                raise CommandError(_("No article “%(slug)s”.") % {"slug": slug})
            account = self._user(user)
            if action == "status":
                self._status(article, lang, account)
                return
            if account is None:
                raise CommandError(_("Say who acts: --user USERNAME."))
            try:
                if action == "submit":
                    self._submit(article, lang, account, comment, require_checklist)
                else:
                    ACTIONS[action](article, lang, account, comment)
            except workflow.ReviewRefused as refused:
                if isinstance(refused, workflow.ChecklistFailed):
                    self._warn(refused.checklist)
                raise CommandError(" ".join(str(refused).split())) from None
            version_status = workflow.status(article, lang)
            self.stdout.write(
                _("%(slug)s (%(lang)s): %(state)s") % {"slug": slug, "lang": lang, "state": version_status.state_label}
            )
            for line in workflow.describe(version_status)[1:]:
                self.stdout.write("  " + line)

    def _submit(self, article, lang, account, comment, require_checklist):
        """Failing checklist items are printed as warnings; --require-checklist refuses instead."""
        if require_checklist:
            workflow.submit(article, lang, account, comment, require_checklist=True)
            return
        workflow.submit(article, lang, account, comment)
        self._warn(checklist.check(article, lang))

    def _warn(self, result):
        for line in result.problem_lines():
            self.stdout.write(_("warning: trust checklist: %(problem)s") % {"problem": line})

    def _user(self, username):
        if not username:
            return None
        account = get_user_model().objects.filter(username=username).first()
        if account is None:
            raise CommandError(_("No user “%(user)s”.") % {"user": username})
        return account

    def _status(self, article, lang, account):
        if lang not in dict(settings.LANGUAGES):
            raise CommandError(_("Unknown language “%(lang)s” (use one of: %(codes)s).")
                               % {"lang": lang, "codes": ", ".join(dict(settings.LANGUAGES))})
        if account is not None and not (account.has_perm("reviews.view_review") or workflow.is_board_member(account)):
            raise CommandError(_("%(user)s may not see medical reviews.") % {"user": account.get_username()})
        self.stdout.write(f"{article.slug} ({lang})")
        for line in workflow.describe(workflow.status(article, lang)):
            self.stdout.write(line)
