"""Admin of articles: the Markdown-checking form, publication rights, list columns."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from references.models import Reference

from ..markdown import check_article
from ..models import LANGUAGE_CODES, Article, Authorship, Persona, field_suffix
from .history import ArticleHistoryAdminMixin
from .readability import ReadabilityAdminMixin
from .translations import TranslatorRightsAdminMixin

PUBLISH_PERMISSION = "articles.publish_article"


def _problem_message(problem):
    if problem.line:
        return gettext("Line %(line)s: %(message)s") % {"line": problem.line, "message": problem.message}
    return str(problem.message)


class ArticleAdminForm(forms.ModelForm):
    """Checks the Markdown of every language version and who may publish."""

    # Set by ArticleAdmin.get_form for the request being handled.
    current_user = None

    class Meta:
        model = Article
        fields = ("slug", "status", "title", "summary", "plain_summary", "body", "topics")

    def _value(self, name):
        return (self.cleaned_data.get(name) or "").strip()

    def clean(self):
        cleaned = super().clean()
        self._check_complete_version()
        self._check_text()
        self._check_publish_permission()
        return cleaned

    def _check_complete_version(self):
        has_version = any(
            self._value(f"title_{field_suffix(lang)}") and self._value(f"summary_{field_suffix(lang)}")
            for lang in LANGUAGE_CODES
        )
        if not has_version:
            self.add_error(
                None,
                _("Give at least one language version both a title (the clinical question) and a key answer."),
            )

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
        new_status = self.cleaned_data["status"]
        old_status = self.initial.get("status") if self.instance.pk else None
        published = Article.Status.PUBLISHED
        touches_publication = (new_status == published or old_status == published) and new_status != old_status
        user = self.current_user
        if touches_publication and not (user is not None and user.has_perm(PUBLISH_PERMISSION)):
            self.add_error(
                "status",
                _("You may not publish or unpublish articles: ask an editor with publishing rights."),
            )


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 0
    fields = ("position", "author")
    ordering = ("position", "id")
    autocomplete_fields = ("author",)


@admin.register(Article)
class ArticleAdmin(TranslatorRightsAdminMixin, ReadabilityAdminMixin, ArticleHistoryAdminMixin, VersionAdmin, TabbedTranslationAdmin):
    form = ArticleAdminForm
    list_display = (
        "title_column",
        "slug",
        "status",
        "content_updated_at",
        "topic_list",
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
        (_("Dates"), {"fields": readonly_fields, "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_citation_count().prefetch_related("topics")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"current_user": request.user})

    def save_model(self, request, obj, form, change):
        # The form already refuses this; repeated here so no other path can skip it.
        old_status = form.initial.get("status") if change else None
        published = Article.Status.PUBLISHED
        touches_publication = (obj.status == published or old_status == published) and obj.status != old_status
        if touches_publication and not request.user.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        """Readers' page once published; the preview before (the public URL would be a 404)."""
        if obj.status == Article.Status.PUBLISHED:
            return obj.get_absolute_url()
        return reverse("articles:preview", args=[obj.slug])

    @admin.display(description=_("title (the clinical question)"), ordering="slug")
    def title_column(self, obj):
        return obj.display_title()

    @admin.display(description=_("topics"))
    def topic_list(self, obj):
        return ", ".join(str(topic) for topic in obj.topics.all())

    @admin.display(description=_("citations"), ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("articles:preview", args=[obj.slug]),
            gettext("Preview"),
        )
