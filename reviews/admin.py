"""Admin of board member profiles (chief medical editors edit them)."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from references.versioning import CommentInViewersLanguageMixin, UnchangedSaveMakesNoRevisionMixin

from .hooks import versioning
from .models import BoardMember, parse_languages

versioning.register_models()


class BoardMemberForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages reviewed"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple,
        help_text=_("The language versions this member may approve."),
    )

    class Meta:
        model = BoardMember
        fields = (
            "user", "display_name", "credentials", "affiliation", "licence_number", "specialties", "languages",
            "disclosure", "bio", "photo_url", "is_active",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["languages"] = parse_languages(self.instance.languages)

    def clean_languages(self):
        return ",".join(self.cleaned_data["languages"])


@admin.register(BoardMember)
class BoardMemberAdmin(
    UnchangedSaveMakesNoRevisionMixin, CommentInViewersLanguageMixin, VersionAdmin, TabbedTranslationAdmin
):
    form = BoardMemberForm
    list_display = ("name", "credentials", "languages", "is_active")
    list_select_related = ("user",)  # the name falls back on the account's
    list_filter = ("is_active", "specialties")
    search_fields = ("display_name", "user__username", "user__first_name", "user__last_name")
    raw_id_fields = ("user",)
    filter_horizontal = ("specialties",)

from .audit import admin as audit_admin  # noqa: E402, F401  (registers the audit trail)
from .queue import admin as admin_queue  # noqa: E402, F401  (registers "My review queue")
