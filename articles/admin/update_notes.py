"""Public update notes: correct the wording of a published note, or withdraw it.

Notes are written with a save of the article (its "Public update note" fields); this admin
corrects or withdraws them afterwards (a withdrawn note leaves the page; the row stays).
Each correction or withdrawal is a revision that also holds the article, so it appears in
the article's history with what the note said before. Who may: whoever may change the
article's metadata (editors, chief medical editors). Notes are never added or deleted here.
"""

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from config.admin_lists import is_changelist

from ..models import UpdateNote, article_long_text_columns
from ..staff import rights


class UpdateNoteForm(forms.ModelForm):
    withdrawn = forms.BooleanField(
        label=_("withdrawn"), required=False, help_text=_("No longer shown to readers; the history keeps it.")
    )

    class Meta:
        model = UpdateNote
        fields = ("note_en", "note_zh_hans")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["withdrawn"] = self.instance.withdrawn_at is not None

    def save(self, commit=True):
        withdrawn = self.cleaned_data.get("withdrawn")
        if withdrawn and self.instance.withdrawn_at is None:
            self.instance.withdrawn_at = timezone.now()
        elif not withdrawn:
            self.instance.withdrawn_at = None
        return super().save(commit)


def note_label(lang):
    """"Public update note (English)": the note's field in ``lang``, wherever it is named."""
    return gettext("Public update note (%(language)s)") % {"language": dict(settings.LANGUAGES).get(lang, lang)}


def may_correct_notes(user):
    return user.is_active and user.has_perm("articles.change_article") and user.has_perm(rights.METADATA_PERMISSION)


@admin.register(UpdateNote)
class UpdateNoteAdmin(VersionAdmin):
    form = UpdateNoteForm
    list_display = ("created_at", "article", "note", "withdrawn_at")
    list_select_related = ("article",)
    search_fields = ("article__slug", "note_en", "note_zh_hans")
    readonly_fields = ("article", "created_at", "withdrawn_at")
    fields = ("article", "created_at", "note_en", "note_zh_hans", "withdrawn", "withdrawn_at")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_changelist(request, self):
            return queryset.defer(*(f"article__{column}" for column in article_long_text_columns()))
        return queryset

    def has_module_permission(self, request):
        return may_correct_notes(request.user)

    def has_view_permission(self, request, obj=None):
        return may_correct_notes(request.user)

    def has_change_permission(self, request, obj=None):
        return may_correct_notes(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Asked when an article is deleted (its notes go with it): whoever may delete articles.
        # A note on its own is never deleted: withdraw it (delete_view refuses).
        return request.user.has_perm("articles.delete_article")

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if reversion.is_active():
            # The article's history shows the correction (and keeps the old wording). Its
            # "saved" time moves, so reversion does not drop its version as a duplicate.
            article = obj.article
            article.updated_at = timezone.now()
            type(article).objects.filter(pk=article.pk).update(updated_at=article.updated_at)
            reversion.add_to_revision(article)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            what = gettext("withdrawn") if obj.withdrawn_at else gettext("corrected")
            reversion.set_comment(
                gettext("Public update note of %(date)s %(what)s.")
                % {"date": obj.created_at.date().isoformat(), "what": what}
            )
        return entry

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if "_continue" not in request.POST:
            return type(response)(reverse("admin:articles_article_change", args=[obj.article_id]))
        return response


def published_notes_html(article, user):
    """The article's notes, each with a link to correct or withdraw it if ``user`` may."""
    notes = list(article.update_notes.all()) if article is not None and article.pk else []
    if not notes:
        return ""
    editable = may_correct_notes(user)
    items = []
    for note in notes:
        item = format_html(
            "{}: {}{}",
            note.created_at.date().isoformat(),
            note.note_en or note.note_zh_hans or "",
            gettext(" (withdrawn)") if note.withdrawn_at else "",
        )
        if editable:
            link = reverse("admin:articles_updatenote_change", args=[note.pk])
            item = format_html('{} <a href="{}">{}</a>', item, link, gettext("Correct or withdraw"))
        items.append((item,))
    return format_html('<ul class="published-update-notes">{}</ul>', format_html_join("", "<li>{}</li>", items))
