"""Translation work in the admin: the translation queue, and what translators may change.

Imported (and so registered) by article.py, which puts the mixin in ArticleAdmin's bases.

- ``TranslationTaskAdmin`` (TranslationTask, "translation queue"): every language version
  that is missing or older than its original (stored by editing/translation_queue.py), with a
  link to the article's change page on that language's tab. Shown to whoever has the view
  permission on TranslationTask (staff/roles.py: translators, editors and chief editors); 403
  for other staff, the login page for everyone else. 50 rows a page; two queries (the count
  of the narrow task rows, the page with its articles) whatever the number of articles.
- ``TranslatorRightsAdminMixin`` (in ArticleAdmin's bases): without the permission
  ``articles.edit_article_metadata`` a user edits only the translated text of an article;
  slug, status, topics and authors are read-only, and a forged POST cannot change them.
"""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import LANGUAGE_CODES, Article, TranslationTask, article_long_text_columns, field_suffix
from ..staff import rights
from .queues import QueueAdmin

METADATA_PERMISSION = rights.METADATA_PERMISSION
# What only a holder of METADATA_PERMISSION may change on an article.
METADATA_FIELDS = ("slug", "status", "topics", "literature_reviewed_through")

MISSING = "missing"
STALE = "stale"
STATES = ((MISSING, _("Missing")), (STALE, _("Out of date")))

LANG_VAR = "lang"
STATE_VAR = "state"
PAGE_VAR = "p"
PAGE_SIZE = 50


class TranslatorRightsAdminMixin:
    """Goes first in ArticleAdmin's bases: text-only editing without the metadata permission."""

    def may_edit_metadata(self, request):
        return request.user.has_perm(METADATA_PERMISSION)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if self.may_edit_metadata(request):
            return form
        return type(form.__name__, (MetadataGuardFormMixin, form), {})

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if self.may_edit_metadata(request):
            return readonly
        return readonly + tuple(name for name in METADATA_FIELDS if name not in readonly)

    def get_inline_instances(self, request, obj=None):
        """Authors (the Authorship inline) are shown but not changed without the permission."""
        inlines = super().get_inline_instances(request, obj)
        if not self.may_edit_metadata(request):
            for inline in inlines:
                inline.has_add_permission = _refuse
                inline.has_change_permission = _refuse
                inline.has_delete_permission = _refuse
        return inlines

    def save_model(self, request, obj, form, change):
        # Read-only fields are not in the form, so a POST cannot set them; this check makes
        # sure no other path (a custom form) changes them either. A revert has written the old
        # row already when this runs: restore_rights.py checks it before.
        if change and not self.may_edit_metadata(request):
            stored = Article.objects.filter(pk=obj.pk).values("slug", "status").first()
            if stored and (stored["slug"] != obj.slug or stored["status"] != obj.status):
                raise PermissionDenied
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not self.may_edit_metadata(request):
            # Topics are read-only (not in the form); authorship formsets cannot be saved.
            formsets = [formset for formset in formsets if formset.model is not _authorship_model()]
        super().save_related(request, form, formsets, change)


class MetadataGuardFormMixin:
    """Refuses a POST that tries to change a read-only metadata field (the form has no such
    field: a browser never sends one, so this is a forged or outdated request)."""

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk is None:
            return cleaned
        changed = [name for name in METADATA_FIELDS if name in self.data and self._posted_differs(name)]
        if "status" in changed and Article.Status.PUBLISHED in (instance.status, self.data.get("status")):
            self.add_error(None, _("You may not publish or unpublish articles: ask an editor with publishing rights."))
        elif changed:
            self.add_error(
                None,
                _("You may change only the text of an article: ask an editor to change its slug, status, "
                  "topics or authors."),
            )
        return cleaned

    def _posted_differs(self, name):
        if name == "topics":
            posted = {value for value in self.data.getlist(name) if value}
            return posted != {str(pk) for pk in self.instance.topics.values_list("pk", flat=True)}
        return (self.data.get(name) or "").strip() != str(getattr(self.instance, name) or "")


def _refuse(request, obj=None):
    return False


def _authorship_model():
    from ..models import Authorship

    return Authorship


def _language_names():
    return dict(settings.LANGUAGES)


@admin.register(TranslationTask)
class TranslationTaskAdmin(QueueAdmin):
    """The translation queue: a table of TranslationTask rows, 50 a page."""

    change_list_template = "admin/articles/translationtask/change_list.html"

    def get_urls(self):
        # Only the queue itself: no add, change, delete or history pages for the proxy.
        from django.urls import path

        info = self.opts.app_label, self.opts.model_name
        return [path("", self.admin_site.admin_view(self.changelist_view), name="{}_{}_changelist".format(*info))]

    def has_delete_permission(self, request, obj=None):
        # A task goes with its article: deleting an article (its delete page asks about every
        # related row) deletes its tasks. There is no page to delete a task by itself.
        return obj is not None

    def rows(self, tasks):
        """Table rows of one page of TranslationTask (with their articles, without their texts)."""
        names = _language_names()
        rows = []
        for task in tasks:
            article = task.article
            language = task.language
            change_url = reverse("admin:articles_article_change", args=[article.pk])
            rows.append(
                {
                    "article": article,
                    "title": article.display_title(),
                    "language": language,
                    "language_name": names.get(language, language),
                    "state": MISSING if task.missing else STALE,
                    "since": task.since,
                    "source_language": article.source_language,
                    "source_language_name": names.get(article.source_language, article.source_language),
                    # The language tab of modeltranslation's tabbed admin.
                    "translate_url": f"{change_url}#tab_id_title_{field_suffix(language)}",
                }
            )
        return rows

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        lang = request.GET.get(LANG_VAR) if request.GET.get(LANG_VAR) in LANGUAGE_CODES else None
        state = request.GET.get(STATE_VAR) if request.GET.get(STATE_VAR) in dict(STATES) else None
        tasks = TranslationTask.objects.select_related("article").defer(
            *(f"article__{column}" for column in article_long_text_columns())
        )
        if lang:
            tasks = tasks.filter(language=lang)
        if state:
            tasks = tasks.filter(missing=state == MISSING)
        page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get(PAGE_VAR))
        rows = self.rows(page.object_list)
        names = _language_names()

        def query(**changes):
            params = {LANG_VAR: lang, STATE_VAR: state, **changes}
            encoded = "&".join(f"{key}={value}" for key, value in params.items() if value)
            return f"?{encoded}" if encoded else "?"

        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Translation queue"),
            "subtitle": None,
            "rows": rows,
            "page": page,
            "task_count": page.paginator.count,
            "previous_query": query(**{PAGE_VAR: page.previous_page_number()}) if page.has_previous() else None,
            "next_query": query(**{PAGE_VAR: page.next_page_number()}) if page.has_next() else None,
            "language_filter": [
                {"name": _("All"), "selected": lang is None, "query": query(lang=None)},
                *(
                    {"name": names[code], "selected": lang == code, "query": query(lang=code)}
                    for code in LANGUAGE_CODES
                ),
            ],
            "state_filter": [
                {"name": _("All"), "selected": state is None, "query": query(state=None)},
                *({"name": name, "selected": state == code, "query": query(state=code)} for code, name in STATES),
            ],
            "has_filters": bool(lang or state),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.change_list_template, context)
