"""CSL-JSON items <-> Reference, and importing CSL-JSON arrays into the reference library.

A CSL-JSON item is what Zotero, Mendeley and Pandoc exchange (and what an article file's
``references`` list holds). The variables the library shows map to columns of
:class:`~references.models.Reference`; every other variable is kept in
``Reference.csl_extra`` so that exporting gives back what was imported.

- :func:`parse_item` checks one item and maps it to Reference field values (no database).
- :func:`library_problems` checks those values against the library (DOI/PMID of another key).
- :func:`upsert_reference` creates or updates the reference with that key, saving only on change.
- :func:`reference_to_item` gives the item back, in a stable key order.
- :func:`import_reference_items` imports a whole CSL-JSON array, all or nothing.
"""

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, OperationalError, connection, router, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reversion.models import Revision, Version
from reversion.signals import post_revision_commit

from .author_list import split_marker, with_marker
from .bulk import insert_rows, update_rows
from .input_checks import MAX_JSON_DEPTH, json_problem, normalize_newlines, nul_byte_problem, text_problem
from .models import (
    MAX_YEAR,
    MIN_YEAR,
    EvidenceType,
    Reference,
    normalize_doi,
    validate_citation_key,
    validate_doi,
    validate_pmid,
    validate_url,
)
from .signals import library_changed

# The order of an exported item; variables not listed here (csl_extra) follow, sorted.
ITEM_KEY_ORDER = (
    "id",
    "type",
    "evidence",
    "title",
    "author",
    "container-title",
    "publisher",
    "issued",
    "volume",
    "issue",
    "page",
    "DOI",
    "PMID",
    "URL",
    "retracted",
)

# CSL variable -> Reference field, for the plain text ones.
_TEXT_FIELDS = {
    "container-title": "container_title",
    "publisher": "publisher",
    "volume": "volume",
    "issue": "issue",
    "page": "pages",
    "URL": "url",
}

DEFAULT_TYPE = "article-journal"
# CSL date-parts months beyond 12: seasons (13-16, and 21-24 as citeproc-js also reads them).
SEASON_MONTHS = set(range(13, 17)) | set(range(21, 25))

# Reference fields set by parse_item, i.e. everything an item determines.
REFERENCE_FIELDS = (
    "key",
    "csl_type",
    "evidence",
    "title",
    "authors",
    "authors_incomplete",
    "container_title",
    "publisher",
    "issued_year",
    "issued_month",
    "issued_day",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "url",
    "retracted",
    "csl_extra",
    "csl_source",
)


@dataclass(frozen=True)
class CslProblem:
    """Something wrong with one variable of an item (field is the CSL variable name)."""

    field: str
    message: str


class ReferenceImportError(Exception):
    """An import that wrote nothing; ``lines`` holds every problem, one line each."""

    def __init__(self, lines):
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


@dataclass
class ImportReport:
    """What an import did: lines for a person to read, and counts for a program
    (``counts[("reference", "created")]``, ``counts[("article", "unchanged")]``, ...)."""

    lines: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    kinds: list = field(default_factory=list)  # the kind of each line (None: a plain note)

    def add(self, line, *, kind=None, outcome=None):
        self.lines.append(line)
        self.kinds.append(kind)
        if kind:
            self.counts[(kind, outcome)] += 1

    def lines_of(self, *kinds):
        return [line for line, kind in zip(self.lines, self.kinds, strict=True) if kind in kinds]

    def __str__(self):
        return "\n".join(self.lines)


def _is_empty(value):
    return value is None or value == "" or value == [] or value == {}


def _model_field(name):
    return Reference._meta.get_field(name)


def _messages(error):
    return [str(message) for message in error.messages]


def _text(item, variable, problems, *, max_length=None):
    """A text variable as a stripped string ("" when absent); numbers are accepted as text."""
    value = item.get(variable)
    if _is_empty(value):
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.append(
            CslProblem(
                variable,
                _("%(variable)s must be text, not %(type)s.") % {"variable": variable, "type": type(value).__name__},
            )
        )
        return ""
    value = str(value).strip()
    if max_length and len(value) > max_length:
        problems.append(
            CslProblem(
                variable,
                _("%(variable)s is too long (%(length)s characters; at most %(max_length)s).")
                % {"variable": variable, "length": len(value), "max_length": max_length},
            )
        )
    return value


# --- issued ---------------------------------------------------------------------------------

_ISO_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _not_a_number(what, value):
    messages = {
        "year": _("issued year must be a number, not %(value)s."),
        "month": _("issued month must be a number, not %(value)s."),
        "day": _("issued day must be a number, not %(value)s."),
    }
    return CslProblem("issued", messages[what] % {"value": repr(value)})


def _date_number(value, what, problems):
    if isinstance(value, bool):
        problems.append(_not_a_number(what, value))
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        problems.append(_not_a_number(what, value))
        return None
    return value


def _parse_issued(issued, problems):
    """(year, month, day, keep_original) from a CSL date.

    keep_original is True when the date says more than a year, month and day can hold
    (a range, a season, "circa", free text): the original then goes into csl_extra.
    """
    if _is_empty(issued):
        return None, None, None, False
    if isinstance(issued, str | int) and not isinstance(issued, bool):
        # Not CSL, but people write `issued: 2025` or "2025-03-14"; read it as raw.
        issued = {"raw": str(issued)}
        keep = False
    elif not isinstance(issued, dict):
        problems.append(CslProblem("issued", _("issued must be a CSL date such as {date-parts: [[2025, 3, 14]]}.")))
        return None, None, None, False
    else:
        keep = bool(set(issued) - {"date-parts", "raw"})

    parts = issued.get("date-parts")
    year = month = day = None
    if not _is_empty(parts):
        if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
            problems.append(
                CslProblem("issued", _("issued date-parts must be a list of lists, e.g. [[2025, 3, 14]]."))
            )
            return None, None, None, False
        first = [p for p in parts[0] if not _is_empty(p)]
        if len(first) > 3:
            problems.append(CslProblem("issued", _("issued date-parts hold at most year, month and day.")))
            return None, None, None, False
        numbers = [_date_number(p, what, problems) for p, what in zip(first, ("year", "month", "day"), strict=False)]
        if any(n is None for n in numbers):
            return None, None, None, False
        year, month, day = (numbers + [None, None, None])[:3]
        keep = keep or len(parts) > 1
    else:
        text = issued.get("raw") or issued.get("literal") or ""
        if not isinstance(text, str | int) or isinstance(text, bool):
            problems.append(CslProblem("issued", _("issued raw/literal must be text.")))
            return None, None, None, False
        text = str(text)
        match = _ISO_DATE_RE.match(text)
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            keep = keep or "raw" not in issued
        else:
            match = _YEAR_RE.search(text)
            year = int(match.group(1)) if match else None
            keep = True

    if month in SEASON_MONTHS:
        # A season (13 or 21 spring ... 16 or 24 winter): keep the year, the original keeps the season.
        month, day, keep = None, None, True
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        problems.append(
            CslProblem(
                "issued",
                _("issued year %(year)s is not a year between %(min_year)s and %(max_year)s (negative years are BC).")
                % {"year": year, "min_year": MIN_YEAR, "max_year": MAX_YEAR},
            )
        )
    if month is not None and not 1 <= month <= 12:
        problems.append(
            CslProblem(
                "issued",
                _("issued month %(month)s is neither a month (1-12) nor a season (13-16, 21-24).") % {"month": month},
            )
        )
    if day is not None and not 1 <= day <= 31:
        problems.append(CslProblem("issued", _("issued day %(day)s is not between 1 and 31.") % {"day": day}))
    return year, month, day, keep


def parse_date(value):
    """(year, month, day) of a CSL date (any of them None where not given or not readable)."""
    ignored = []
    year, month, day, _keep = _parse_issued(value, ignored)
    return (None, None, None) if ignored else (year, month, day)


def _issued_matches(original, year, month, day):
    ignored = []
    return _parse_issued(original, ignored)[:3] == (year, month, day) and not ignored


# --- items -> fields -------------------------------------------------------------------------


def parse_item(item):
    """Check one CSL-JSON item and map it to Reference field values.

    Returns ``(fields, problems)``: fields is a dict with every name in REFERENCE_FIELDS
    (usable only when problems is empty); problems is a list of CslProblem. No database
    access: see library_problems() for the checks against the library.
    """
    problems = []
    if not isinstance(item, dict):
        return {}, [CslProblem("", _("a reference must be a CSL-JSON object (id, type, title, ...)."))]
    text = _as_json_text(item)
    if text is None or "\\u0000" in text or _SURROGATE_RE.search(text):
        unstorable = [
            CslProblem(str(variable), problem)
            for variable, value in item.items()
            if (problem := text_problem(variable, ascii(variable)) or text_problem(value, variable))
        ]
        if unstorable:
            return {}, unstorable
    if text is None or "\\r" in text:
        item = normalize_newlines(item)
    fields = {}

    key = item.get("id")
    if isinstance(key, int) and not isinstance(key, bool):
        key = str(key)
    if _is_empty(key):
        problems.append(CslProblem("id", _("id (the citation key) is required.")))
        key = ""
    elif not isinstance(key, str):
        problems.append(CslProblem("id", _("id (the citation key) must be text.")))
        key = ""
    else:
        key = key.strip()
        try:
            validate_citation_key(key)
        except ValidationError as error:
            problems.extend(CslProblem("id", message) for message in _messages(error))
        if len(key) > _model_field("key").max_length:
            problems.append(
                CslProblem(
                    "id",
                    _("id is too long (at most %(max_length)s characters).")
                    % {"max_length": _model_field("key").max_length},
                )
            )
    fields["key"] = key

    fields["csl_type"] = _text(item, "type", problems, max_length=_model_field("csl_type").max_length) or DEFAULT_TYPE

    evidence = _text(item, "evidence", problems) or EvidenceType.OTHER  # absent: exported absent again
    if evidence not in EvidenceType.values:
        problems.append(
            CslProblem(
                "evidence",
                _("evidence “%(evidence)s” is not one of: %(allowed)s.")
                % {"evidence": evidence, "allowed": ", ".join(EvidenceType.values)},
            )
        )
    fields["evidence"] = evidence

    fields["title"] = _text(item, "title", problems)  # CSL-JSON does not require a title

    authors = item.get("author")
    if _is_empty(authors):
        authors = []
    elif not isinstance(authors, list) or not all(isinstance(name, dict) for name in authors):
        problems.append(
            CslProblem(
                "author",
                _('author must be a list of names: {family: Smith, given: Anna} or {literal: "Some Society"}.'),
            )
        )
        authors = []
    else:
        for number, name in enumerate(authors, start=1):
            if not any(isinstance(name.get(part), str) and name[part].strip() for part in ("family", "given", "literal")):
                problems.append(
                    CslProblem("author", _("author %(number)s has no family, given or literal name.") % {"number": number})
                )
    # A last "et al." / "others" says the list names only some authors (author_list.py).
    authors, fields["authors_incomplete"], problem = split_marker(authors)
    if problem:
        problems.append(CslProblem("author", problem))
    fields["authors"] = authors

    for variable, name in _TEXT_FIELDS.items():
        fields[name] = _text(item, variable, problems, max_length=_model_field(name).max_length)
    try:
        validate_url(fields["url"])
    except ValidationError as error:
        problems.extend(CslProblem("URL", message) for message in _messages(error))

    doi = normalize_doi(_text(item, "DOI", problems, max_length=_model_field("doi").max_length))
    try:
        validate_doi(doi)
    except ValidationError as error:
        problems.extend(CslProblem("DOI", message) for message in _messages(error))
    fields["doi"] = doi

    pmid = _text(item, "PMID", problems)
    try:
        validate_pmid(pmid)
    except ValidationError as error:
        problems.extend(CslProblem("PMID", message) for message in _messages(error))
    fields["pmid"] = pmid

    retracted = item.get("retracted")
    if retracted is None:
        retracted = False
    elif not isinstance(retracted, bool):
        problems.append(CslProblem("retracted", _("retracted must be true or false.")))
        retracted = False
    fields["retracted"] = retracted

    extra = {name: value for name, value in item.items() if name not in ITEM_KEY_ORDER and not _is_empty(value)}
    year, month, day, keep_original = _parse_issued(item.get("issued"), problems)
    fields["issued_year"], fields["issued_month"], fields["issued_day"] = year, month, day
    if keep_original:
        extra["issued"] = item["issued"]
    try:
        json.dumps(extra)
    except (TypeError, ValueError):
        problems.append(
            CslProblem("", _("some CSL variables hold values that are not JSON (text, numbers, lists)."))
        )
        extra = {}
    fields["csl_extra"] = extra
    fields["csl_source"] = _as_imported(item, fields)
    return fields, problems


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _as_json_text(item):
    """The item as JSON text (NUL and CR escaped as \\u0000 and \\r, lone surrogates kept), or
    None if it holds values that are not JSON. Looking for those in one string is much
    faster than walking every value of every item."""
    try:
        return json.dumps(item, ensure_ascii=False)
    except (TypeError, ValueError):
        return None


def _as_imported(item, fields):
    """The item as it will be written back on export: as given, except the DOI in its normal form."""
    source = dict(item)
    if isinstance(source.get("DOI"), str) and fields["doi"]:
        source["DOI"] = fields["doi"]
    try:
        json.dumps(source)
    except (TypeError, ValueError):
        return {}  # not JSON (a YAML date, ...): parse_item reports the variable
    return source


def library_problems(fields):
    """Problems of an item's field values against the library: a DOI or PMID of another key."""
    problems = []
    key = fields.get("key", "")
    if fields.get("doi"):
        clash = Reference.objects.filter(doi__iexact=fields["doi"]).exclude(key=key).first()
        if clash:
            problems.append(
                CslProblem(
                    "DOI",
                    _("DOI %(doi)s is already used by reference “%(key)s”.") % {"doi": fields["doi"], "key": clash.key},
                )
            )
    if fields.get("pmid"):
        clash = Reference.objects.filter(pmid=fields["pmid"]).exclude(key=key).first()
        if clash:
            problems.append(
                CslProblem(
                    "PMID",
                    _("PMID %(pmid)s is already used by reference “%(key)s”.") % {"pmid": fields["pmid"], "key": clash.key},
                )
            )
    return problems


def batch_problems(fields_list):
    """Problems between the items of one import: per item, a list of CslProblem.

    The same key twice with different data, or one DOI/PMID under two keys, is ambiguous.
    """
    result = [[] for _item in fields_list]
    seen_key, seen_doi, seen_pmid = {}, {}, {}
    for index, fields in enumerate(fields_list):
        key = fields.get("key")
        if not key:
            continue
        if key in seen_key:
            if fields_list[seen_key[key]] != fields:
                result[index].append(
                    CslProblem("id", _("“%(key)s” appears twice with different data.") % {"key": key})
                )
            continue
        seen_key[key] = index
        for variable, name, seen in (("DOI", "doi", seen_doi), ("PMID", "pmid", seen_pmid)):
            value = (fields.get(name) or "").lower()
            if not value:
                continue
            if value in seen and seen[value] != key:
                result[index].append(
                    CslProblem(
                        variable,
                        _("%(variable)s %(value)s is also given for reference “%(key)s”.")
                        % {"variable": variable, "value": fields[name], "key": seen[value]},
                    )
                )
            seen.setdefault(value, key)
    return result


def differs(reference, fields):
    """Whether saving these field values (from parse_item) would change the library's data.

    The form the item came in (csl_source: numbers or strings, key order) is not data: a
    file giving the same data in another form changes nothing, and keeps the form stored."""
    return any(getattr(reference, name) != fields[name] for name in REFERENCE_FIELDS if name != "csl_source")


def upsert_reference(fields):
    """Create or update the reference with fields["key"]; save only if something changed.

    For the references of article files: YAML read as text, so the form of their items is
    not kept (csl_source); that of a reference imported from CSL-JSON stays as it was.
    Returns (reference, "created" | "updated" | "unchanged").
    """
    reference = Reference.objects.filter(key=fields["key"]).first()
    if reference is None:
        reference = Reference(**{**fields, "csl_source": {}})
        reference.save()
        return reference, "created"
    if not differs(reference, fields):
        return reference, "unchanged"
    for name in REFERENCE_FIELDS:
        if name != "csl_source":
            setattr(reference, name, fields[name])
    reference.save()
    return reference, "updated"


# --- Reference -> item -----------------------------------------------------------------------


# Name parts in the order people read them; JSON columns (jsonb) do not keep key order.
_NAME_KEY_ORDER = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
_DATE_KEY_ORDER = ("date-parts", "season", "circa", "literal", "raw")


def _ordered(value, first=()):
    """Dicts (at any depth) with their keys in a stable order: `first`, then sorted."""
    if isinstance(value, list):
        return [_ordered(element, first) for element in value]
    if not isinstance(value, dict):
        return value
    keys = [key for key in first if key in value] + sorted(key for key in value if key not in first)
    return {key: _ordered(value[key], first) for key in keys}


def _ordered_names(names):
    return [_ordered(name, _NAME_KEY_ORDER) for name in names] if isinstance(names, list) else names


def reference_to_item(reference):
    """The CSL-JSON item of a reference.

    A reference that came from an import is written back as it was imported (numbers stay
    numbers, absent variables stay absent), except for the variables changed since (in the
    admin): those are written from the reference. Keys in ITEM_KEY_ORDER, then the others
    sorted.
    """
    current = _canonical_item({name: getattr(reference, name) for name in REFERENCE_FIELDS})
    source = reference.csl_source
    if not source:
        return current
    imported_fields, _problems = parse_item(source)
    if not imported_fields:
        return current
    imported = _canonical_item(imported_fields)
    item = {}
    for name in list(source) + [name for name in current if name not in source]:
        if current.get(name) == imported.get(name):
            if name in source:
                item[name] = source[name]  # unchanged since the import: as it was given
        elif name in current:
            item[name] = current[name]
    # One order on every database (PostgreSQL's jsonb does not keep the file's).
    names = [name for name in ITEM_KEY_ORDER if name in item] + sorted(name for name in item if name not in ITEM_KEY_ORDER)
    return {name: _ordered(item[name], _NAME_KEY_ORDER + _DATE_KEY_ORDER) for name in names}


def _canonical_item(fields):
    """The item of Reference field values, keys in ITEM_KEY_ORDER then the extras sorted."""
    extra = dict(fields["csl_extra"] or {})
    original_issued = extra.pop("issued", None)
    issued = None
    year, month, day = fields["issued_year"], fields["issued_month"], fields["issued_day"]
    if original_issued is not None and _issued_matches(original_issued, year, month, day):
        issued = _ordered(original_issued, _DATE_KEY_ORDER)
    elif year is not None:
        issued = {"date-parts": [[part for part in (year, month, day) if part is not None]]}
    item = {
        "id": fields["key"],
        "type": fields["csl_type"],
        "evidence": fields["evidence"],
        "title": fields["title"],
        "author": _ordered_names(with_marker(fields["authors"], fields["authors_incomplete"])),
        "container-title": fields["container_title"],
        "publisher": fields["publisher"],
        "issued": issued,
        "volume": fields["volume"],
        "issue": fields["issue"],
        "page": fields["pages"],
        "DOI": fields["doi"],
        "PMID": fields["pmid"],
        "URL": fields["url"],
        "retracted": fields["retracted"] or None,
    }
    item = {name: value for name, value in item.items() if not _is_empty(value)}
    for name in sorted(extra):
        if not _is_empty(extra[name]):
            item[name] = _ordered(extra[name], _NAME_KEY_ORDER + _DATE_KEY_ORDER)
    return item


# --- CSL-JSON arrays -------------------------------------------------------------------------


def read_text_file(path):
    """(text, None), or (None, problem line) for a file that is missing, unreadable or not UTF-8."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None, f"{source}: " + _("no such file.")
    except IsADirectoryError:
        return None, f"{source}: " + _("is a directory, not a file.")
    except OSError as error:
        return None, f"{source}: " + _("cannot read the file: %(error)s.") % {"error": error.strerror or error}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, f"{source}:{line}: " + _(
            "the file is not UTF-8 text (byte %(byte)s); save it as UTF-8."
        ) % {"byte": f"{data[error.start]:#04x}"}
    nul = nul_byte_problem(data)
    if nul:
        line, message = nul
        return None, f"{source}:{line}: {message}"
    return text, None


def read_csl_json_file(path):
    """The items of a CSL-JSON file; ReferenceImportError if unreadable, not UTF-8 or not JSON."""
    text, problem = read_text_file(path)
    if problem:
        raise ReferenceImportError([problem])
    return read_csl_json(text.removeprefix("\ufeff"), source=str(path))


def read_csl_json(text, *, source):
    """The items of a CSL-JSON array; ReferenceImportError naming the line of what is wrong."""
    floats = []  # NaN, Infinity and 1e400 are read by Python but stored by no database

    def read_float(token):
        floats.append(token)
        return float(token)

    try:
        items = json.loads(text, parse_constant=read_float, parse_float=read_float)
    except json.JSONDecodeError as error:
        raise ReferenceImportError(
            [
                f"{source}:{error.lineno}: "
                + _("invalid JSON: %(error)s (column %(column)s).") % {"error": error.msg, "column": error.colno}
            ]
        ) from None
    except (RecursionError, ValueError):
        items = None  # nested too deeply, or a number Python refuses: json_problem() says where
    # The scan that names the line costs more than the parse: only when something is amiss.
    problem = json_problem(text) if items is None or not_finite(floats) or too_deep(items) else None
    if problem:
        line, message = problem
        raise ReferenceImportError([f"{source}:{line}: {message}"])
    if items is None:
        raise ReferenceImportError(
            [f"{source}:1: " + _("the JSON cannot be read (nested too deeply, or a number too large).")]
        )
    if isinstance(items, dict):
        raise ReferenceImportError(
            [
                f"{source}:1: "
                + _("CSL-JSON must be an array of items, [{...}, ...], not a single object: put the object between [ and ].")
            ]
        )
    if not isinstance(items, list):
        raise ReferenceImportError([f"{source}:1: " + _("CSL-JSON must be an array of items, [{...}, ...].")])
    return CslItems(items, item_start_lines(text))


def not_finite(tokens):
    return any(not math.isfinite(float(token)) for token in tokens)


def too_deep(value):
    """Whether JSON data nests deeper than MAX_JSON_DEPTH (then json_problem() says where)."""
    pending = [(value, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            return True
        if isinstance(value, dict):
            pending.extend((element, depth + 1) for element in value.values() if isinstance(element, dict | list))
        elif isinstance(value, list):
            pending.extend((element, depth + 1) for element in value if isinstance(element, dict | list))
    return False


class CslItems(list):
    """The items of a CSL-JSON array, and ``lines``: the line where each item starts in its file."""

    def __init__(self, items, lines):
        super().__init__(items)
        self.lines = lines


def item_start_lines(text):
    """The 1-based line where each element of the JSON array in ``text`` starts.

    ``text`` is known to be a valid JSON array: each element is decoded in turn from where
    the previous one ended (JSONDecoder.raw_decode), and the newlines before it counted.
    """
    decoder = json.JSONDecoder()
    lines = []
    position = text.index("[") + 1
    line = text.count("\n", 0, position) + 1
    length = len(text)
    while True:
        start = position
        while position < length and text[position] in " \t\r\n,":
            position += 1
        line += text.count("\n", start, position)
        if position >= length or text[position] == "]":
            return lines
        lines.append(line)
        _value, end = decoder.raw_decode(text, position)
        line += text.count("\n", position, end)
        position = end


# --- imports one at a time ------------------------------------------------------------------

# Any number: the same one for every import (PostgreSQL advisory locks are named by a bigint).
IMPORT_LOCK_ID = 0x6D6564636D73  # "medcms"


def wait_for_other_imports():
    """Inside the transaction of an import: wait until no other import is writing, and keep the
    turn until this transaction ends.

    Two imports that create the same article or reference then run one after the other, and the
    second sees (and updates) what the first created. On PostgreSQL an advisory lock; on SQLite
    the database's single write lock, taken now by a write that changes nothing (taken later, at
    the first insert, SQLite would refuse at once instead of waiting). Raises
    ReferenceImportError if SQLite stays busy for longer than its timeout.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_ID])
        elif connection.vendor == "sqlite":
            table = connection.ops.quote_name(Reference._meta.db_table)
            try:
                cursor.execute(f"UPDATE {table} SET id = id WHERE 0")  # noqa: S608 - our table name
            except OperationalError:
                raise ReferenceImportError(
                    [_("the database is busy with another import; nothing was imported: run the import again.")]
                ) from None


def saved_elsewhere_message():
    """An insert or update hit a unique key that a writer outside the imports saved meanwhile."""
    return _(
        "another reference with this key, DOI or PMID was saved at the same moment; nothing was imported: "
        "run the import again."
    )


def _item_label(source, items, number):
    """Where an item is: ``FILE:LINE: item KEY`` when its line is known, else ``FILE:item N (KEY)``."""
    item = items[number - 1]
    key = item.get("id") if isinstance(item, dict) else None
    lines = getattr(items, "lines", None)
    if lines and len(lines) == len(items):
        name = key if key not in (None, "") else f"#{number}"
        return f"{source}:{lines[number - 1]}: item {name}"
    return f"{source}:item {number} ({key})" if key not in (None, "") else f"{source}:item {number}"


def import_reference_items(items, *, source, user=None, skip_invalid=False):
    """Create or update one reference per CSL-JSON item, in one transaction and one revision.

    Every problem is collected first (``FILE:LINE: item KEY: problem`` for items read by
    read_csl_json, which knows their lines). Without ``skip_invalid`` any problem is raised as
    ReferenceImportError and nothing is written; with it the valid items are imported and
    the report lists the refused ones (``report.lines_of("refused")``). Unchanged references
    are not saved. The writes take a few statements whatever the number of items
    (references/bulk.py). Another import running at the same time is waited for (see
    wait_for_other_imports).
    """
    if not isinstance(items, list):
        raise ReferenceImportError([f"{source}: " + _("CSL-JSON must be an array of items.")])
    parsed = [parse_item(item) for item in items]
    between = batch_problems([fields for fields, _problems in parsed])
    report = ImportReport()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    try:
        with transaction.atomic():
            wait_for_other_imports()
            existing = _existing_references([fields for fields, problems in parsed if not problems])
            refused, accepted, refused_items = [], [], 0
            for number, ((fields, problems), item_between) in enumerate(zip(parsed, between, strict=True), start=1):
                if not problems:
                    problems = _library_problems(fields, existing)
                problems = problems + item_between
                if problems:
                    label = _item_label(source, items, number)
                    refused.extend(f"{label}: {problem.message}" for problem in problems)
                    refused_items += 1
                else:
                    accepted.append(fields)
            if refused and not skip_invalid:
                raise ReferenceImportError(refused)
            for line in refused:
                report.add(line, kind="refused", outcome="refused")

            creates, updates, newly_retracted = [], [], set()
            done = set()
            for fields in accepted:
                if fields["key"] in done:
                    continue
                done.add(fields["key"])
                reference = existing["key"].get(fields["key"])
                if reference is None:
                    creates.append(Reference(**fields))
                elif differs(reference, fields):
                    if fields["retracted"] and not reference.retracted:
                        newly_retracted.add(reference.pk)
                    for name in REFERENCE_FIELDS:
                        setattr(reference, name, fields[name])
                    updates.append(reference)
                else:
                    counts["unchanged"] += 1
            _write(creates, updates, newly_retracted)
            _save_revision(creates + updates, user=user, comment=f"Imported from {source}")
    except IntegrityError:
        # Saved by a writer that does not wait for imports (the admin) after the checks above.
        raise ReferenceImportError([f"{source}: {saved_elsewhere_message()}"]) from None
    for outcome, references in (("created", creates), ("updated", updates)):
        counts[outcome] = len(references)
        for reference in references:
            report.add(f"{source}: {outcome} reference “{reference.key}”", kind="reference", outcome=outcome)
    summary = (
        f"{source}: {len(done)} references: {counts['created']} created, "
        f"{counts['updated']} updated, {counts['unchanged']} unchanged"
    )
    if refused_items:
        summary += ", " + ngettext(
            "%(count)s item refused", "%(count)s items refused", refused_items
        ) % {"count": refused_items}
    report.add(summary)
    return report


# Values per query: below SQLite's limit on parameters; PostgreSQL has none.
_CHUNK, _CHUNK_WITHOUT_LIMIT = 900, 10_000


def _chunks(values):
    values = list(values)
    size = _CHUNK if connection.features.max_query_params else _CHUNK_WITHOUT_LIMIT
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _existing_references(fields_list):
    """The library's references that the items name (by key), or whose DOI or PMID they give:
    {"key": {key: ref}, "doi": {lower doi: ref}, "pmid": {pmid: ref}}, in a few queries."""
    keys = {fields["key"] for fields in fields_list}
    dois = {fields["doi"].lower() for fields in fields_list if fields["doi"]}
    pmids = {fields["pmid"] for fields in fields_list if fields["pmid"]}
    found = {}
    for chunk in _chunks(keys):
        found.update((ref.pk, ref) for ref in Reference.objects.filter(key__in=chunk))
    # A re-import finds every DOI and PMID among its keys' references: no more queries then.
    dois -= {ref.doi.lower() for ref in found.values()}
    pmids -= {ref.pmid for ref in found.values()}
    for chunk in _chunks(dois):
        found.update((ref.pk, ref) for ref in Reference.objects.annotate(doi_lower=Lower("doi")).filter(doi_lower__in=chunk))
    for chunk in _chunks(pmids):
        found.update((ref.pk, ref) for ref in Reference.objects.filter(pmid__in=chunk))
    references = list(found.values())
    return {
        "key": {ref.key: ref for ref in references},
        "doi": {ref.doi.lower(): ref for ref in references if ref.doi},
        "pmid": {ref.pmid: ref for ref in references if ref.pmid},
    }


def _library_problems(fields, existing):
    """library_problems() against the references looked up by _existing_references()."""
    problems = []
    key = fields["key"]
    clash = existing["doi"].get(fields["doi"].lower()) if fields["doi"] else None
    if clash is not None and clash.key != key:
        problems.append(
            CslProblem(
                "DOI", _("DOI %(doi)s is already used by reference “%(key)s”.") % {"doi": fields["doi"], "key": clash.key}
            )
        )
    clash = existing["pmid"].get(fields["pmid"]) if fields["pmid"] else None
    if clash is not None and clash.key != key:
        problems.append(
            CslProblem(
                "PMID",
                _("PMID %(pmid)s is already used by reference “%(key)s”.") % {"pmid": fields["pmid"], "key": clash.key},
            )
        )
    return problems


def _write(creates, updates, newly_retracted):
    """Insert and update references in a few statements (references/bulk.py).

    A reference turning retracted is saved on its own, so that what listens to a reference's
    save (the review workflow's retraction cascade) hears of it; the bulk writes send no
    signal. There are few of them in any import. (A new reference is cited nowhere yet.)
    """
    now = timezone.now()
    for reference in updates:
        reference.updated_at = now
    for reference in updates:
        if reference.pk in newly_retracted:
            reference.save()
    insert_rows(Reference, creates)
    update_rows(
        Reference, [ref for ref in updates if ref.pk not in newly_retracted], [*REFERENCE_FIELDS, "updated_at"]
    )
    if creates or updates:
        # The bulk writes above sent no post_save.
        library_changed.send(sender=Reference, pks=[ref.pk for ref in [*creates, *updates]])


def _save_revision(references, *, user, comment):
    """One history revision holding a version of each reference, written in bulk.

    reversion.add_to_revision() would look up each object's previous version (to skip
    duplicates, which cannot occur here: only changed references are passed) and copy its
    frame per object, which is slow for thousands of objects. The versions are serialized
    as reversion would (its registration options for Reference).
    """
    if not references:
        return
    options = reversion.revisions._get_options(Reference)
    content_type = ContentType.objects.get_for_model(Reference)
    db = router.db_for_write(Reference)
    revision = Revision.objects.create(user=user, comment=comment, date_created=timezone.now())
    # The "python" serializer gives the objects that the "json" one writes, all in one call.
    assert options.format == "json"
    data = serializers.serialize("python", references, fields=options.fields)
    versions = [
        Version(
            revision=revision,
            content_type=content_type,
            object_id=str(reference.pk),
            db=db,
            format=options.format,
            serialized_data=json.dumps([obj], cls=DjangoJSONEncoder, ensure_ascii=False),
            object_repr=str(reference),
        )
        for reference, obj in zip(references, data, strict=True)
    ]
    insert_rows(Version, versions)
    post_revision_commit.send(sender=reversion.create_revision, revision=revision, versions=versions)
