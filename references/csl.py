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
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils.translation import gettext as _

from .input_checks import json_problem, normalize_newlines, nul_byte_problem, text_problem
from .models import EvidenceType, Reference, normalize_doi, validate_citation_key, validate_doi, validate_pmid

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
MAX_YEAR = 9999

# Reference fields set by parse_item, i.e. everything an item determines.
REFERENCE_FIELDS = (
    "key",
    "csl_type",
    "evidence",
    "title",
    "authors",
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

    if month is not None and 21 <= month <= 24:
        # CSL seasons (21 spring ... 24 winter): keep the year, the original keeps the season.
        month, day, keep = None, None, True
    if year is not None and not 1 <= year <= MAX_YEAR:
        problems.append(
            CslProblem(
                "issued",
                _("issued year %(year)s is not a year between 1 and %(max_year)s.") % {"year": year, "max_year": MAX_YEAR},
            )
        )
    if month is not None and not 1 <= month <= 12:
        problems.append(CslProblem("issued", _("issued month %(month)s is not between 1 and 12.") % {"month": month}))
    if day is not None and not 1 <= day <= 31:
        problems.append(CslProblem("issued", _("issued day %(day)s is not between 1 and 31.") % {"day": day}))
    return year, month, day, keep


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
    unstorable = [
        CslProblem(str(variable), problem)
        for variable, value in item.items()
        if (problem := text_problem(variable, ascii(variable)) or text_problem(value, variable))
    ]
    if unstorable:
        return {}, unstorable
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

    evidence = _text(item, "evidence", problems) or EvidenceType.OTHER
    if evidence not in EvidenceType.values:
        problems.append(
            CslProblem(
                "evidence",
                _("evidence “%(evidence)s” is not one of: %(allowed)s.")
                % {"evidence": evidence, "allowed": ", ".join(EvidenceType.values)},
            )
        )
    fields["evidence"] = evidence

    title = _text(item, "title", problems)
    if not title and "title" not in {p.field for p in problems}:
        problems.append(CslProblem("title", _("title is required.")))
    fields["title"] = title

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
    fields["authors"] = authors

    for variable, name in _TEXT_FIELDS.items():
        fields[name] = _text(item, variable, problems, max_length=_model_field(name).max_length)
    if fields["url"]:
        try:
            URLValidator()(fields["url"])
        except ValidationError:
            problems.append(
                CslProblem("URL", _("URL “%(url)s” is not a valid web address.") % {"url": fields["url"]})
            )

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
    return fields, problems


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
    """Whether saving these field values (from parse_item) would change the reference."""
    return any(getattr(reference, name) != fields[name] for name in REFERENCE_FIELDS)


def upsert_reference(fields):
    """Create or update the reference with fields["key"]; save only if something changed.

    Returns (reference, "created" | "updated" | "unchanged").
    """
    reference = Reference.objects.filter(key=fields["key"]).first()
    if reference is None:
        reference = Reference(**fields)
        reference.save()
        return reference, "created"
    if not differs(reference, fields):
        return reference, "unchanged"
    for name in REFERENCE_FIELDS:
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
    """The CSL-JSON item of a reference, keys in ITEM_KEY_ORDER then the extras sorted."""
    extra = dict(reference.csl_extra or {})
    original_issued = extra.pop("issued", None)
    issued = None
    year, month, day = reference.issued_year, reference.issued_month, reference.issued_day
    if original_issued is not None and _issued_matches(original_issued, year, month, day):
        issued = _ordered(original_issued, _DATE_KEY_ORDER)
    elif year is not None:
        issued = {"date-parts": [reference.issued_date_parts]}
    item = {
        "id": reference.key,
        "type": reference.csl_type,
        "evidence": reference.evidence,
        "title": reference.title,
        "author": _ordered_names(reference.authors),
        "container-title": reference.container_title,
        "publisher": reference.publisher,
        "issued": issued,
        "volume": reference.volume,
        "issue": reference.issue,
        "page": reference.pages,
        "DOI": reference.doi,
        "PMID": reference.pmid,
        "URL": reference.url,
        "retracted": reference.retracted or None,
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
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReferenceImportError(
            [
                f"{source}:{error.lineno}: "
                + _("invalid JSON: %(error)s (column %(column)s).") % {"error": error.msg, "column": error.colno}
            ]
        ) from None
    except (RecursionError, ValueError):
        items = None  # nested too deeply, or a number Python refuses: json_problem() says where
    problem = json_problem(text)
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
    return items


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


def _item_label(number, item):
    key = item.get("id") if isinstance(item, dict) else None
    return f"item {number} ({key})" if key not in (None, "") else f"item {number}"


def import_reference_items(items, *, source, user=None):
    """Create or update one reference per CSL-JSON item, in one transaction and one revision.

    Every problem is collected first (``"SOURCE:item N (key): problem"``) and raised together
    as ReferenceImportError; then nothing is written. Unchanged references are not saved.
    Another import running at the same time is waited for (see wait_for_other_imports).
    """
    if not isinstance(items, list):
        raise ReferenceImportError([f"{source}: " + _("CSL-JSON must be an array of items.")])
    parsed = [parse_item(item) for item in items]
    report = ImportReport()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    done = set()
    writing = None  # the number of the item being written
    try:
        with transaction.atomic():
            wait_for_other_imports()
            lines = []
            for number, ((fields, problems), between) in enumerate(
                zip(parsed, batch_problems([fields for fields, _problems in parsed]), strict=True), start=1
            ):
                if not problems:
                    problems = problems + library_problems(fields)
                for problem in problems + between:
                    lines.append(f"{source}:{_item_label(number, items[number - 1])}: {problem.message}")
            if lines:
                raise ReferenceImportError(lines)

            with reversion.create_revision():
                reversion.set_user(user)
                reversion.set_comment(f"Imported from {source}")
                for number, (fields, _problems) in enumerate(parsed, start=1):
                    writing = number
                    if fields["key"] in done:
                        continue
                    done.add(fields["key"])
                    _reference, outcome = upsert_reference(fields)
                    counts[outcome] += 1
                    if outcome != "unchanged":
                        report.add(
                            f"{source}: {outcome} reference “{fields['key']}”", kind="reference", outcome=outcome
                        )
    except IntegrityError:
        # Saved by a writer that does not wait for imports (the admin) after the checks above.
        raise ReferenceImportError(
            [f"{source}:{_item_label(writing, items[writing - 1])}: {saved_elsewhere_message()}"]
        ) from None
    report.add(
        f"{source}: {len(done)} references: {counts['created']} created, "
        f"{counts['updated']} updated, {counts['unchanged']} unchanged"
    )
    return report
