"""The reference form of the admin: authors as rows, the CSL type and the evidence type as
choices, and the "Fill from DOI or PMID" box."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .author_list import split_marker
from .csl_types import CSL_TYPE_NAMES, CSL_TYPES
from .input_checks import text_problem
from .models import EVIDENCE_DESCRIPTIONS, EvidenceType, Reference

# Name parts the rows show; any other part of a CSL name (particles, suffix, ...) is kept
# in a hidden input of its row so that saving the form never loses it.
ROW_PARTS = ("family", "given", "literal")
EXTRA_ROWS = 3
MAX_ROWS = 1000
LOOKUP_BUTTON = "_lookup"


class _InvalidRow(dict):
    """A row whose hidden parts are not JSON (a tampered post): kept to be reported."""


class AuthorsWidget(forms.Widget):
    """One row per CSL name (family, given, or an organisation's literal name) plus
    EXTRA_ROWS empty rows; a checked "remove" box drops a row. Works without JavaScript."""

    def value_from_datadict(self, data, files, name):
        rows_key = f"{name}-rows"
        if rows_key not in data:
            return data.get(name)  # the raw CSL-JSON list (API clients, older tests)
        try:
            count = min(max(int(data.get(rows_key)), 0), MAX_ROWS)
        except (TypeError, ValueError):
            count = 0
        names = []
        for index in range(count):
            prefix = f"{name}-{index}-"
            if data.get(prefix + "remove"):
                continue
            row = {part: " ".join(str(data.get(prefix + part, "")).split()) for part in ROW_PARTS}
            row = {part: value for part, value in row.items() if value}
            hidden = data.get(prefix + "extra") or ""
            if hidden:
                try:
                    extra = json.loads(hidden)
                except ValueError:
                    extra = None
                if not isinstance(extra, dict):
                    row = _InvalidRow(row)
                elif row:
                    row = {**{k: v for k, v in extra.items() if k not in ROW_PARTS}, **row}
            if row:
                names.append(row)
        return names

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-rows" not in data and name not in data

    def rows(self, name, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = []
        names = [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
        for index, item in enumerate([*names, *({} for _row in range(EXTRA_ROWS))]):
            extra = {key: part for key, part in item.items() if key not in ROW_PARTS}
            yield index, item, extra

    def render(self, name, value, attrs=None, renderer=None):
        labels = {
            "family": _("family name of author %(number)s"),
            "given": _("given name of author %(number)s"),
            "literal": _("organisation of author %(number)s"),
        }
        rows = []
        count = 0
        for index, item, extra in self.rows(name, value):
            count += 1
            prefix = f"{name}-{index}-"
            cells = format_html_join(
                "",
                '<td><input type="text" name="{}" value="{}" aria-label="{}" size="{}"></td>',
                ((prefix + part, item.get(part, ""), labels[part] % {"number": index + 1}, 30 if part == "literal" else 20)
                 for part in ROW_PARTS),
            )
            kept = ", ".join(f"{key}: {part}" for key, part in extra.items())
            rows.append(
                format_html(
                    '<tr><td>{}</td>{}<td><input type="hidden" name="{}" value="{}"><small>{}</small></td>'
                    '<td><input type="checkbox" name="{}" aria-label="{}"></td></tr>',
                    index + 1,
                    cells,
                    prefix + "extra",
                    json.dumps(extra, ensure_ascii=False) if extra else "",
                    kept,
                    prefix + "remove",
                    _("remove author %(number)s") % {"number": index + 1},
                )
            )
        head = format_html(
            "<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>",
            _("Family name"),
            _("Given name"),
            _("Organisation (instead of a person)"),
            _("Other name parts"),
            _("Remove"),
        )
        return format_html(
            '<table class="csl-authors" id="{}">{}<tbody>{}</tbody></table>'
            '<input type="hidden" name="{}" value="{}">',
            (attrs or {}).get("id", f"id_{name}"),
            head,
            format_html_join("", "{}", ((row,) for row in rows)),
            f"{name}-rows",
            count,
        )


def _compact(names):
    """Names without empty parts, for comparing what was loaded with what was posted."""
    return [{key: value for key, value in name.items() if value not in ("", None)} for name in names or []]


class AuthorsField(forms.Field):
    widget = AuthorsWidget

    def prepare_value(self, value):
        # CSL-JSON text, as the model's JSON field gives it: what a client posting the value
        # back without the rows (scripts, tests) sends; the widget shows it as rows.
        if isinstance(value, list):
            return json.dumps(value, ensure_ascii=False)
        return value

    def to_python(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise ValidationError(_("Authors must be a list of names."), code="invalid") from None
        if not isinstance(value, list) or not all(isinstance(name, dict) for name in value):
            raise ValidationError(_("Authors must be a list of names."), code="invalid")
        return value

    def validate(self, value):
        super().validate(value)
        problems = []
        for number, name in enumerate(value, start=1):
            if isinstance(name, _InvalidRow):
                problems.append(_("Author %(number)s: the hidden name parts are damaged; type the name again.")
                                % {"number": number})
                continue
            if (problem := text_problem(name, _("Author %(number)s") % {"number": number})):
                problems.append(problem)
            elif not all(isinstance(part, str) for part in name.values() if not isinstance(part, bool | int)):
                problems.append(_("Author %(number)s: every part of a name must be text.") % {"number": number})
            elif name.get("literal") and (name.get("family") or name.get("given")):
                problems.append(
                    _("Author %(number)s: give either an organisation's name or a person's family and given "
                      "names, not both.") % {"number": number}
                )
            elif not (name.get("family") or name.get("literal")):
                problems.append(
                    _("Author %(number)s has a given name but no family name (write a single name as the "
                      "family name).") % {"number": number}
                )
        if problems:
            raise ValidationError(problems)

    def has_changed(self, initial, data):
        try:
            return _compact(self.to_python(initial)) != _compact(self.to_python(data))
        except ValidationError:
            return True


class LookupWidget(forms.TextInput):
    """The identifier box followed by its submit button (no JavaScript needed)."""

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        button = format_html(
            '<button type="submit" name="{}" value="1" class="button" formnovalidate>{}</button>',
            LOOKUP_BUTTON,
            _("Fill from DOI or PMID"),
        )
        return format_html("{} {}", box, button)


def _evidence_help():
    items = format_html_join(
        "", "<li><strong>{}</strong>: {}</li>", ((EvidenceType(value).label, EVIDENCE_DESCRIPTIONS[value])
                                               for value in EvidenceType.values)
    )
    return format_html('<ul class="evidence-help">{}</ul>', items)


class ReferenceForm(forms.ModelForm):
    authors = AuthorsField(
        label=gettext_lazy("authors"),
        required=False,
        help_text=gettext_lazy(
            "One row per author: a person's family and given names, or an organisation's name alone. "
            "Tick “remove” to drop a row; save to get more empty rows."
        ),
    )
    csl_type = forms.ChoiceField(label=gettext_lazy("CSL type"), initial="article-journal")
    lookup = forms.CharField(
        label=gettext_lazy("DOI or PMID"),
        required=False,
        max_length=300,
        widget=LookupWidget(attrs={"size": 40, "placeholder": "10.1056/NEJMoa… / 12345678"}),
        help_text=gettext_lazy(
            "Fills the fields below from Crossref (DOI) or PubMed (PMID) without saving; check them, then "
            "save. Left empty, the DOI or else the PMID of the form is looked up."
        ),
    )

    class Meta:
        model = Reference
        fields = (
            "key", "csl_type", "evidence", "title", "authors", "authors_incomplete", "container_title", "publisher",
            "issued_year", "issued_month", "issued_day", "volume", "issue", "pages", "doi", "pmid", "url",
            "retracted", "retracted_on", "retraction_notice_doi", "retraction_source", "csl_extra",
        )

    def __init__(self, *args, lookup_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookup_only = lookup_only
        choices = [(name, format_lazy("{} ({})", label, name)) for name, label in CSL_TYPES]
        current = self.instance.csl_type if self.instance.pk else None
        if current and current not in CSL_TYPE_NAMES:
            # Imported from a tool with its own types: keep it selectable rather than lose it.
            choices.insert(0, (current, format_lazy("{} ({})", current, gettext_lazy("not a CSL 1.0.2 type"))))
        if "csl_type" in self.fields:
            self.fields["csl_type"].choices = choices
        if "evidence" in self.fields:
            self.fields["evidence"].help_text = _evidence_help()

    @property
    def changed_data(self):
        # The lookup box is a tool, not data: typing in it and saving changes nothing.
        return [name for name in super().changed_data if name != "lookup"]

    def full_clean(self):
        if self.lookup_only:
            # Filled from a lookup: shown for checking, never validated or saved in this request.
            self._errors = forms.utils.ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def clean(self):
        cleaned = super().clean()
        authors = cleaned.get("authors")
        if isinstance(authors, list):
            # "et al." typed as the last author is the box, not an organisation called so.
            names, marked, problem = split_marker(authors)
            if problem:
                self.add_error("authors", problem)
            elif marked:
                cleaned["authors"] = names
                cleaned["authors_incomplete"] = True
        return cleaned

    def is_valid(self):
        return not self.lookup_only and super().is_valid()
