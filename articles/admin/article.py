"""Admin of articles: the Markdown-checking form, publication rights, list columns.

Also, with ``articles/editing/locking.py``: optimistic locking (a save based on an outdated state of
the article is refused and shows what changed meanwhile), public update notes attached to
the revision a save makes, no revision for a save that changes nothing, and reverts and
recoveries whose revision comment names the revision restored.
"""

from contextlib import contextmanager

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from config.admin_lists import is_changelist
from references.models import Reference
from references.versioning import CommentInViewersLanguageMixin

from .. import list_columns, signals
from ..editing import locking, merge
from ..models import LANGUAGE_CODES, Article, Authorship, Persona, Topic, UpdateNote, field_suffix
from ..rendering.markdown import check_article
from ..staff import rights
from ..staff.access import may_open_drafts
from .history import ArticleHistoryAdminMixin
from .readability import ReadabilityAdminMixin
from .restore_rights import RestoreRightsAdminMixin
from .textfields import NormalizedTextAdminMixin
from .translations import TranslatorRightsAdminMixin
from .update_notes import note_label
from .workbench import WorkbenchAdminMixin

LOCK_FIELD = "base_revision"
# One optional public update note per language (LANGUAGES is settled: en, zh-hans).
UPDATE_NOTE_FIELDS = {lang: f"update_note_{field_suffix(lang)}" for lang in LANGUAGE_CODES}
NOT_ARTICLE_FIELDS = (LOCK_FIELD, *UPDATE_NOTE_FIELDS.values())


def _problem_message(problem):
    if problem.line:
        return gettext("Line %(line)s: %(message)s") % {"line": problem.line, "message": problem.message}
    return str(problem.message)


class ArticleAdminForm(forms.ModelForm):
    """Checks the Markdown of every language version and who may publish."""

    # Set by ArticleAdmin.get_form for the request being handled.
    current_user = None

    # Optimistic locking (articles/editing/locking.py): the revision the editor started from.
    base_revision = forms.CharField(widget=forms.HiddenInput, required=False)
    update_note_en = forms.CharField(max_length=300, required=False)
    update_note_zh_hans = forms.CharField(max_length=300, required=False)

    class Meta:
        model = Article
        fields = ("slug", "status", "title", "summary", "plain_summary", "body", "topics")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lock_conflict = None
        self.lock_overwrite = None
        if self.instance.pk:
            self.initial.setdefault(LOCK_FIELD, locking.token_for(self.instance))
        for lang, name in UPDATE_NOTE_FIELDS.items():
            if name in self.fields:
                self.fields[name].label = note_label(lang)
                self.fields[name].help_text = gettext(
                    "Optional: one sentence for readers on what this change means for them, "
                    "shown under “What changed” on the article page."
                )

    def _value(self, name):
        return (self.cleaned_data.get(name) or "").strip()

    def clean(self):
        # "At least one complete language version" is the model's constraint
        # (article_has_a_language_version), checked by full_clean after this.
        cleaned = super().clean()
        self._check_text()
        self._check_publish_permission()
        self._check_lock()
        return cleaned

    def update_notes(self):
        """{"note_en": ..., "note_zh_hans": ...} of the notes the editor wrote (may be empty)."""
        notes = {}
        for lang, name in UPDATE_NOTE_FIELDS.items():
            value = (self.cleaned_data.get(name) or "").strip() if hasattr(self, "cleaned_data") else ""
            if value:
                notes[f"note_{field_suffix(lang)}"] = value
        return notes

    def _submitted_state(self):
        """The editor's values of the versioned fields in the form, as posted (shaped like
        ``locking.state_of``; a field that failed validation counts with what was typed)."""
        state = {name: merge.normalise(self[name].data) for name in locking.TEXT_FIELDS if name in self.fields}
        for name in ("status", "slug"):
            if name in self.fields:
                state[name] = self[name].data or ""
        if "topics" in self.fields:
            state["topics"] = sorted(int(pk) for pk in self["topics"].data or () if str(pk).isdigit())
        return state

    def _check_lock(self):
        if not self.instance.pk:
            return
        token_name = self.add_prefix(LOCK_FIELD)
        submitted = self._submitted_state()
        conflict = locking.check(self.instance.pk, self.data.get(token_name), submitted)
        if conflict is None:
            return
        if conflict.token == (self.data.get(locking.OVERWRITE_FIELD) or "").strip():
            self.lock_overwrite = conflict  # the editor chose to overwrite exactly what was shown
            self._keep_their_other_changes(conflict, submitted)
            return
        self.lock_conflict = conflict
        self.add_error(None, conflict.message())
        if conflict.offers_overwrite:
            return  # the form keeps the old token: saving again is refused again
        # No token, or both edits combined: the form is shown again with the current token
        # (and the combined values), so saving it after review succeeds.
        self.data = self.data.copy()
        self.data[token_name] = conflict.token
        if conflict.combined:
            for name, value in conflict.merged.values.items():
                if value == submitted.get(name):
                    continue
                if name == "topics":
                    self.data.setlist(self.add_prefix(name), [str(pk) for pk in value])
                else:
                    self.data[self.add_prefix(name)] = value

    def _keep_their_other_changes(self, conflict, submitted):
        """An overwrite replaces the parts both changed, not the rest of their save: a field
        only they changed (or changed apart from the editor's paragraphs) keeps the merged
        value, as when nothing conflicts."""
        if conflict.merged is None:
            return  # no base revision: nothing tells their changes from the editor's
        for name, value in conflict.merged.values.items():
            if value == submitted.get(name) or name not in self.cleaned_data:
                continue
            if name == "topics":
                self.cleaned_data[name] = Topic.objects.filter(pk__in=value)
            else:
                self.cleaned_data[name] = value

    def _check_text(self):
        library_keys = set(Reference.objects.values_list("key", flat=True))
        personas = set(Persona.objects.values_list("code", flat=True))
        for lang in LANGUAGE_CODES:
            suffix = field_suffix(lang)
            summary = self.cleaned_data.get(f"summary_{suffix}") or ""
            body = self.cleaned_data.get(f"body_{suffix}") or ""
            if not (summary or body):
                continue
            with override(lang):
                problems = check_article(summary, body, library_keys=library_keys, personas=personas)
            for problem in problems:
                name = f"{problem.field}_{suffix}"
                if name not in self.fields:
                    name = None
                self.add_error(name, _problem_message(problem))

    def _check_publish_permission(self):
        if "status" not in self.cleaned_data:
            return
        old_status = rights.stored_status(self.instance.pk)
        if not rights.may_change_status(self.current_user, old_status, self.cleaned_data["status"]):
            self.add_error("status", rights.not_publisher_message())


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 0
    fields = ("position", "author")
    ordering = ("position", "id")
    autocomplete_fields = ("author",)


@admin.register(Article)
class ArticleAdmin(
    WorkbenchAdminMixin,
    TranslatorRightsAdminMixin,
    ReadabilityAdminMixin,
    RestoreRightsAdminMixin,
    ArticleHistoryAdminMixin,
    NormalizedTextAdminMixin,
    CommentInViewersLanguageMixin,
    VersionAdmin,
    TabbedTranslationAdmin,
):
    form = ArticleAdminForm
    change_list_template = "admin/articles/article/change_list.html"  # reversion's, with our style
    # Fits 1280 px beside the admin's navigation and the filters: the title wraps, with the
    # address under it; topics are a filter rather than a column.
    list_display = (
        "title_column",
        "status",
        "last_updated",
        "citation_count",
        "preview_link",
    )
    list_filter = ("status", "topics")
    search_fields = ("slug",) + tuple(f"title_{field_suffix(lang)}" for lang in LANGUAGE_CODES)
    filter_horizontal = ("topics",)
    inlines = (AuthorshipInline,)
    readonly_fields = ("published_at", "content_updated_at", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("slug", "status", "title", "summary", "plain_summary", "body")}),
        (None, {"fields": ("lay_readability",)}),
        (_("Classification"), {"fields": ("topics",)}),
        (_("Public update note"), {"fields": tuple(UPDATE_NOTE_FIELDS.values())}),
        (_("Dates"), {"fields": ("literature_reviewed_through", *readonly_fields), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("topics")
        if is_changelist(request, self):
            # The list shows titles and dates: not the texts; the citation count for its page only.
            return queryset.without_long_text().with_languages().with_citation_count()
        return queryset

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"current_user": request.user})

    def save_model(self, request, obj, form, change):
        # The form already refuses this; repeated here so no other path can skip it. Compared
        # with the stored row: a read-only status (translators) is not in form.initial.
        old_status = rights.stored_status(obj.pk) if change else None
        if not rights.may_change_status(request.user, old_status, obj.status):
            raise PermissionDenied
        if not change:
            super().save_model(request, obj, form, change)
        # A change is saved in save_related, once the inline formsets tell whether anything
        # changed at all: a save that changes nothing must not make a revision.

    def save_form(self, request, form, change):
        # An explicit overwrite of someone else's changes is named in the revision comment.
        request._article_overwrote = form.lock_overwrite
        return super().save_form(request, form, change)

    def save_related(self, request, form, formsets, change):
        if change:
            restoring = getattr(request, "_reversion_restoring", None) is not None
            notes = form.update_notes()
            if not (restoring or notes or locking.save_changes_anything(form, formsets, NOT_ARTICLE_FIELDS)):
                request._article_save_was_noop = True
                return
            super().save_model(request, form.instance, form, change)
        super().save_related(request, form, formsets, change)
        notes = form.update_notes()
        if notes and reversion.is_active():
            reversion.add_meta(UpdateNote, article=form.instance, **notes)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_article_save_was_noop", False):
            return []  # the formsets were not saved (nothing changed)
        message = super().construct_change_message(request, form, formsets, add)
        for entry in message:  # the lock token changes on every save: not a change to name
            fields = entry.get("changed", {}).get("fields")
            if fields is not None and LOCK_FIELD in fields:
                fields.remove(LOCK_FIELD)
        return [entry for entry in message if entry.get("changed", {}).get("fields", True)]

    def log_change(self, request, obj, message):
        if getattr(request, "_article_save_was_noop", False):
            return None  # nothing changed: no log entry, no revision
        entry = super().log_change(request, obj, message)
        overwrote = getattr(request, "_article_overwrote", None)
        if overwrote is not None and reversion.is_active():
            reversion.set_comment(f"{overwrote.overwrite_comment()} {entry.get_change_message()}".strip())
        return entry

    def response_change(self, request, obj):
        if getattr(request, "_article_save_was_noop", False):
            self.message_user(request, gettext("Nothing was changed, so no new revision was saved."), messages.INFO)
            if "_continue" in request.POST:
                return HttpResponseRedirect(request.get_full_path())
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    @contextmanager
    def create_revision(self, request):
        """Reversion's revision around a view; a revert or recovery names what it restored."""
        with super().create_revision(request):
            yield
            restoring = getattr(request, "_reversion_restoring", None)
            if restoring is not None and reversion.is_active():
                mode, version = restoring
                comment = locking.recovered_comment if mode == "recover" else locking.restored_comment
                reversion.set_comment(comment(version))
                signals.article_restored.send(
                    sender=Article, article=version.object, version=version, mode=mode, user=request.user
                )

    def view_on_site(self, obj):
        """Readers' page once published; the preview before (the public URL would be a 404)."""
        if obj.status == Article.Status.PUBLISHED:
            return obj.get_absolute_url()
        return reverse("articles:preview", args=[obj.slug])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(request, context, add, change, form_url, obj)
        # view_on_site gets no request: no "View on site" to a preview the user may not open.
        if obj is not None and obj.status != Article.Status.PUBLISHED and not may_open_drafts(request.user, obj):
            response.context_data.update(has_absolute_url=False, absolute_url=None)
        return response

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        # Columns other apps registered (articles/list_columns.py; the review state), before
        # the preview link.
        at = columns.index("preview_link") if "preview_link" in columns else len(columns)
        columns[at:at] = [self._list_column_name(column) for column in list_columns.list_columns()]
        if may_open_drafts(request.user):
            return tuple(columns)
        return tuple(column for column in columns if column != "preview_link")

    def _list_column_name(self, column):
        """The admin attribute showing a registered column (a name, so that its header gets
        the class ``column-<name>``)."""
        name = f"list_column_{column.name}"

        @admin.display(description=column.label)
        def show(obj):
            return list_columns.value_of(column, obj)

        setattr(self, name, show)
        return name

    def get_changelist(self, request, **kwargs):
        base = super().get_changelist(request, **kwargs)

        class ArticleChangeList(base):
            """Fills the registered columns for the page's rows at once (constant queries)."""

            def get_results(self, request):
                super().get_results(request)
                list_columns.fill(self.result_list)

        return ArticleChangeList

    @admin.display(description=_("title (the clinical question)"), ordering="slug")
    def title_column(self, obj):
        topics = ", ".join(str(topic) for topic in obj.topics.all())
        return format_html(
            '<span class="article-title">{}</span><br><small class="article-slug">{}{}</small>',
            obj.display_title(),
            obj.slug,
            f" · {topics}" if topics else "",
        )

    @admin.display(description=_("last updated"), ordering="content_updated_at")
    def last_updated(self, obj):
        moment = obj.content_updated_at or obj.updated_at
        return date_format(localtime(moment), "SHORT_DATE_FORMAT") if moment else "—"

    # Not sortable: counted for the page's rows only; sorting would count for every article.
    @admin.display(description=_("citations"))
    def citation_count(self, obj):
        return obj.citation_count

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("articles:preview", args=[obj.slug]),
            gettext("Preview"),
        )
