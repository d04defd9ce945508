"""Text-only editing of translated models (topics, site pages, authors, personas, glossary).

``TranslatedTextOnlyAdminMixin`` goes first in the bases of their admins. Without the
permission ``articles.edit_article_metadata`` (editors and chief editors have it, translators
do not: staff/roles.py) a user changes only the translated text (``name_en``, ``name_zh_hans``, ...):

- every other field (a slug, an order, a linked account) is read-only;
- a POST that changes one anyway (forged or outdated) is refused with a form error, and
  nothing of it is saved;
- a revision that would restore another value of one cannot be restored (403 with the reason),
  since restoring writes the whole revision, not only what the form shows.

Articles have their own rules (translations.py: status, topics and authors too).
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import translator
from reversion.admin import VersionAdmin
from reversion.models import Version

from references.versioning import CommentInViewersLanguageMixin, UnchangedSaveMakesNoRevisionMixin

from ..models import LANGUAGE_CODES, field_suffix
from .textfields import NormalizedTextAdminMixin
from .translations import METADATA_PERMISSION


def text_field_names(model):
    """The translated fields and their per-language columns: name, name_en, name_zh_hans, ..."""
    bases = translator.get_options_for_model(model).all_fields
    return set(bases) | {f"{base}_{field_suffix(lang)}" for base in bases for lang in LANGUAGE_CODES}


def metadata_fields(model):
    """The fields a user edits in the admin that are not translated text."""
    text = text_field_names(model)
    return [
        field
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        and not field.auto_created
        and not field.primary_key
        and (field.concrete or field.many_to_many)
        and field.name not in text
    ]


def field_labels(fields):
    return get_text_list([str(field.verbose_name) for field in fields], gettext("and"))


class TranslatedTextOnlyAdminMixin:
    def may_edit_metadata(self, request):
        return request.user.has_perm(METADATA_PERMISSION)

    def metadata_names(self):
        return [field.name for field in metadata_fields(self.model)]

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if self.may_edit_metadata(request):
            return readonly
        return readonly + tuple(name for name in self.metadata_names() if name not in readonly)

    def get_prepopulated_fields(self, request, obj=None):
        prepopulated = super().get_prepopulated_fields(request, obj)
        if self.may_edit_metadata(request):
            return prepopulated
        return {name: sources for name, sources in prepopulated.items() if name not in self.metadata_names()}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if self.may_edit_metadata(request):
            return form
        return type(form.__name__, (TextOnlyGuardFormMixin, form), {})

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not self.may_edit_metadata(request):
            # Nothing editable in the list either (e.g. the personas' order).
            metadata = set(self.metadata_names())
            changelist.list_editable = tuple(name for name in changelist.list_editable if name not in metadata)
        return changelist

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.may_edit_metadata(request):
            obj = self.get_object(request, unquote(object_id))
            version = Version.objects.get_for_object_reference(self.model, unquote(object_id)).filter(pk=version_id)
            version = version.first()
            if obj is not None and version is not None:
                differing = _differing_in_version(obj, version.field_dict)
                if differing:
                    raise PermissionDenied(
                        gettext("Restoring this revision would change the %(fields)s, which only an editor may do.")
                        % {"fields": field_labels(differing)}
                    )
        return super().revision_view(request, object_id, version_id, extra_context)


class TextOnlyGuardFormMixin:
    """Refuses a POST that changes a field the form does not show (only a forged or outdated
    request sends one): a form error, so nothing is saved."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        changed = [
            field
            for field in metadata_fields(self._meta.model)
            if field.name not in self.fields and field.name in self.data and self._posted_differs(field)
        ]
        if changed:
            self.add_error(
                None,
                _("You may change only the translated text: ask an editor to change the %(fields)s.")
                % {"fields": field_labels(changed)},
            )
        return cleaned

    def _posted_differs(self, field):
        current = field.value_from_object(self.instance)
        formfield = field.formfield()
        if field.many_to_many:
            posted = [value for value in self.data.getlist(field.name) if value]
            current = {str(obj.pk) for obj in current}
            return set(posted) != current
        try:
            posted = formfield.clean(self.data.get(field.name))
        except ValidationError:
            return True
        if isinstance(posted, models.Model):
            posted = posted.pk
        if isinstance(posted, str) and current is None:
            current = ""
        return posted != current


def _differing_in_version(obj, field_dict):
    """The metadata fields whose value in a revision differs from the object's."""
    differing = []
    for field in metadata_fields(type(obj)):
        if field.attname not in field_dict:
            continue
        stored = field_dict[field.attname]
        if field.many_to_many:
            if {str(pk) for pk in stored} != {str(o.pk) for o in field.value_from_object(obj)}:
                differing.append(field)
        elif stored != getattr(obj, field.attname):
            differing.append(field)
    return differing


class TranslatedModelAdmin(
    TranslatedTextOnlyAdminMixin,
    UnchangedSaveMakesNoRevisionMixin,
    NormalizedTextAdminMixin,
    CommentInViewersLanguageMixin,
    VersionAdmin,
    TabbedTranslationAdmin,
):
    """The admin of a translated model: language tabs, version history, LF-normalised text, no
    revision for a save that changes nothing, and text-only editing without the metadata permission."""
