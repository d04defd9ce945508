"""Text areas that store text as ``articles.editing.textnorm`` spells it.

Browsers submit a textarea with CRLF line endings. Without this, saving a form whose text
nobody touched would store every multi-line text anew (CRLF instead of the LF it had), and
the form would report those fields as changed.
"""

from django import forms
from django.db import models

from ..editing.textnorm import normalize_text, same_text


class NormalizedTextField(forms.CharField):
    """A CharField for multi-line text: LF line endings, no blank lines before the text, no
    whitespace after it. Spaces at the start of the first line are kept (Markdown indentation)."""

    def __init__(self, **kwargs):
        super().__init__(**{**kwargs, "strip": False})

    def to_python(self, value):
        value = normalize_text(super().to_python(value))
        return self.empty_value if value in self.empty_values else value

    def has_changed(self, initial, data):
        # A stored text that differs only in line endings (rows saved before this field
        # existed) is not changed by submitting it again.
        return super().has_changed(initial, data) and not same_text(initial, self.to_python(data))


class NormalizedTextAdminMixin:
    """Goes before ModelAdmin in an admin's bases: every TextField of the model (each
    language's column included) gets a NormalizedTextField in the admin's forms."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", NormalizedTextField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
