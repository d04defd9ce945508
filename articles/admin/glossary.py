"""Admin of the glossary: terms with the plain explanation lay readers see at first use."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import LANGUAGE_CODES, GlossaryTerm, field_suffix
from ..staff.roles import CHIEF_EDITORS, EDITORS, EXTRA_ROLE_PERMISSIONS
from .text_only import TranslatedModelAdmin

SUFFIXES = [field_suffix(lang) for lang in LANGUAGE_CODES]

# Editors keep the glossary; chief medical editors may also delete terms. Added through the
# roles hook (applied by ensure_roles after every migrate) so the admin that needs them says so.
_GLOSSARY_EDIT = ["articles.add_glossaryterm", "articles.change_glossaryterm", "articles.view_glossaryterm"]
for _role, _perms in (
    (EDITORS, _GLOSSARY_EDIT),
    (CHIEF_EDITORS, _GLOSSARY_EDIT + ["articles.delete_glossaryterm"]),
):
    _wanted = EXTRA_ROLE_PERMISSIONS.setdefault(_role, [])
    _wanted.extend(perm for perm in _perms if perm not in _wanted)


class GlossaryTermAdminForm(forms.ModelForm):
    """Blank synonym lines are dropped; a form may belong to one term only per language."""

    class Meta:
        model = GlossaryTerm
        fields = ("term", "synonyms", "lay_explanation", "professional_definition")

    def clean(self):
        cleaned = super().clean()
        for suffix in SUFFIXES:
            name = f"synonyms_{suffix}"
            if name in cleaned:
                lines = (line.strip() for line in (cleaned[name] or "").splitlines())
                cleaned[name] = "\n".join(line for line in lines if line)
        for lang in LANGUAGE_CODES:
            self._check_unique_forms(lang)
        return cleaned

    def _check_unique_forms(self, lang):
        suffix = field_suffix(lang)
        term = (self.cleaned_data.get(f"term_{suffix}") or "").strip()
        synonyms = (self.cleaned_data.get(f"synonyms_{suffix}") or "").splitlines()
        mine = [(f"term_{suffix}", term)] + [(f"synonyms_{suffix}", line.strip()) for line in synonyms]
        mine = [(field, form) for field, form in mine if form]
        if not mine:
            return
        others = {}
        # Matching ignores case (articles.rendering.glossary), so the check does too.
        for other in GlossaryTerm.objects.exclude(pk=self.instance.pk):
            for form in other.forms(lang):
                others.setdefault(form.casefold(), other)
        for field, form in mine:
            other = others.get(form.casefold())
            if other is not None:
                self.add_error(
                    field,
                    _("“%(form)s” is already a form of the term “%(other)s”.")
                    % {"form": form, "other": other.forms(lang)[0]},
                )


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(TranslatedModelAdmin):
    form = GlossaryTermAdminForm
    list_display = tuple(f"term_{suffix}" for suffix in SUFFIXES) + ("lay_explanation", "updated_at")
    list_display_links = (f"term_{SUFFIXES[0]}",)
    search_fields = tuple(f"{name}_{suffix}" for name in ("term", "synonyms") for suffix in SUFFIXES)
    readonly_fields = ("updated_at",)
    fields = ("term", "synonyms", "lay_explanation", "professional_definition", "updated_at")
