"""Crossref works by DOI (https://api.crossref.org/works/<doi>), as Reference field values,
and the notices (retraction, correction, ...) that Crossref lists as updating a work."""

import re
import urllib.parse
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from ..models import normalize_doi
from .http import BadResponse, get_json

SERVICE = "Crossref"

# Crossref work types -> CSL 1.0.2 item types (https://api.crossref.org/types).
CSL_TYPES = {
    "journal-article": "article-journal",
    "book": "book",
    "edited-book": "book",
    "monograph": "book",
    "reference-book": "book",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book-track": "chapter",
    "reference-entry": "entry",
    "proceedings-article": "paper-conference",
    "proceedings": "book",
    "posted-content": "article",
    "dataset": "dataset",
    "database": "dataset",
    "report": "report",
    "report-component": "report",
    "report-series": "report",
    "dissertation": "thesis",
    "standard": "standard",
    "peer-review": "review",
    "journal": "periodical",
    "journal-issue": "periodical",
    "journal-volume": "periodical",
    "component": "document",
    "grant": "document",
    "other": "document",
}

# Update types (https://www.crossref.org/documentation/crossmark/participating-in-crossmark/)
# that withdraw the whole work; every other notice (correction, erratum, expression of
# concern, partial retraction, ...) is recorded as a correction notice.
RETRACTION_TYPES = {"retraction", "withdrawal", "removal"}

_JATS_TAG_RE = re.compile(r"</?jats:[^>]*>")


@dataclass(frozen=True)
class Notice:
    """A notice that updates a work: its DOI, type (retraction, correction, ...), date, source."""

    doi: str
    type: str
    date: date | None
    source: str

    @property
    def is_retraction(self):
        return self.type in RETRACTION_TYPES

    def as_json(self):
        return {"doi": self.doi, "type": self.type, "date": self.date.isoformat() if self.date else None,
                "source": self.source}


def fetch_work(doi):
    """Crossref's ``message`` for a DOI; raises LookupFailed."""
    doi = normalize_doi(doi)
    url = f"{settings.CROSSREF_API_URL.rstrip('/')}/works/{urllib.parse.quote(doi, safe='/')}"
    params = {"mailto": settings.REFERENCE_LOOKUP_MAILTO} if settings.REFERENCE_LOOKUP_MAILTO else None
    data = get_json(
        url, service=SERVICE, params=params, not_found=_("Crossref has no record of DOI %(doi)s.") % {"doi": doi}
    )
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict) or data.get("status") not in (None, "ok"):
        raise BadResponse(_("Crossref sent an answer without a work in it; try again later or fill the fields by hand."))
    return message


def _first(value):
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str) and item.strip()), "")
    return value.strip() if isinstance(value, str) else ""


def _date_parts(value):
    parts = value.get("date-parts") if isinstance(value, dict) else None
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list)):
        return []
    return [part for part in parts[0][:3] if isinstance(part, int) and not isinstance(part, bool)]


def _names(people):
    names = []
    for person in people if isinstance(people, list) else []:
        if not isinstance(person, dict):
            continue
        if person.get("family"):
            name = {"family": str(person["family"]).strip()}
            if person.get("given"):
                name["given"] = str(person["given"]).strip()
            for part in ("suffix", "non-dropping-particle", "dropping-particle"):
                if person.get(part):
                    name[part] = str(person[part]).strip()
        elif person.get("name"):  # an organisation
            name = {"literal": str(person["name"]).strip()}
        else:
            continue
        names.append(name)
    return names


def work_to_fields(message):
    """Reference field values from a Crossref work (only the fields it has)."""
    fields = {
        "csl_type": CSL_TYPES.get(message.get("type"), "document"),
        "title": " ".join(_first(message.get("title")).split()),
        "authors": _names(message.get("author")),
        "container_title": " ".join(_first(message.get("container-title")).split()),
        "publisher": _first(message.get("publisher")),
        "volume": _first(message.get("volume")),
        "issue": _first(message.get("issue")),
        "pages": _first(message.get("page")),
        "doi": _first(message.get("DOI")),
    }
    subtitle = " ".join(_first(message.get("subtitle")).split())
    if subtitle and fields["title"]:
        fields["title"] = f"{fields['title'].rstrip(':')}: {subtitle}"
    for date_field in ("issued", "published-print", "published-online", "published"):
        parts = _date_parts(message.get(date_field))
        if parts:
            for name, value in zip(("issued_year", "issued_month", "issued_day"), parts, strict=False):
                fields[name] = value
            break
    extra = {}
    short = _first(message.get("short-container-title"))
    if short and short != fields["container_title"]:
        extra["container-title-short"] = short
    issn = message.get("ISSN")
    if isinstance(issn, list) and issn:
        extra["ISSN"] = _first(issn)
    abstract = message.get("abstract")
    if isinstance(abstract, str) and abstract.strip():
        extra["abstract"] = " ".join(_JATS_TAG_RE.sub(" ", abstract).split())
    if extra:
        fields["csl_extra"] = extra
    return {name: value for name, value in fields.items() if value not in ("", [], None)}


def _notice_date(value):
    parts = _date_parts(value)
    try:
        return date(*(parts + [1, 1])[:3]) if parts else None
    except ValueError:
        return None


def notices(message):
    """The notices Crossref lists as updating this work (``updated-by``), oldest first."""
    found = []
    for update in message.get("updated-by") or []:
        if not isinstance(update, dict) or not isinstance(update.get("type"), str):
            continue
        found.append(
            Notice(
                doi=normalize_doi(_first(update.get("DOI"))),
                type=update["type"].strip().lower().replace(" ", "_"),
                date=_notice_date(update.get("updated")),
                source=_first(update.get("source")) or "crossref",
            )
        )
    return sorted(set(found), key=lambda notice: (notice.date or date.max, notice.doi, notice.type))
