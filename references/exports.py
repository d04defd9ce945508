"""References as files for reference managers: CSL-JSON, BibTeX and RIS.

Every format starts from the CSL-JSON item of ``csl.reference_to_item`` (what the library
imports and exports), so the three say the same thing. BibTeX is written with bibtexparser,
RIS with rispy. ``EXPORT_FORMATS`` names each format's extension and content type; the
article page and the admin both serve files through ``export_response``.
"""

import json
import re
from dataclasses import dataclass

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from django.http import HttpResponse

from .author_list import MARKER
from .csl import reference_to_item


def to_csl_json(references):
    """A CSL-JSON array, as Zotero, Mendeley and Pandoc read it."""
    items = [reference_to_item(reference) for reference in references]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# --- BibTeX --------------------------------------------------------------------------

_BIBTEX_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "article": "article",
    "review": "article",
    "book": "book",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "report": "techreport",
    "thesis": "phdthesis",
}
# Where the container title goes, by BibTeX entry type.
_CONTAINER_FIELD = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_LATEX_SPECIALS_RE = re.compile("|".join(re.escape(char) for char in _LATEX_SPECIALS))
# Characters a BibTeX key may hold everywhere (BibTeX, biber, bibtexparser); others become "-".
_UNSAFE_KEY_RE = re.compile(r"[^\w:.+/-]")


def latex_escape(text):
    """Text as a BibTeX value: UTF-8 kept as it is (biber, bibtex8), LaTeX specials escaped."""
    return _LATEX_SPECIALS_RE.sub(lambda match: _LATEX_SPECIALS[match.group()], str(text))


def _url_value(url):
    # url and doi are read verbatim by biblatex: only keep the braces balanced.
    return url.replace("{", "%7B").replace("}", "%7D")


def _bibtex_name(name):
    if not isinstance(name, dict):
        return ""
    if name.get("literal"):
        return "{" + latex_escape(name["literal"]) + "}"  # braces: an organisation, not "Last, First"
    family = " ".join(
        part for part in (name.get("non-dropping-particle"), name.get("family")) if part
    )
    given = " ".join(part for part in (name.get("given"), name.get("dropping-particle")) if part)
    parts = [latex_escape(family)] + ([latex_escape(name["suffix"])] if name.get("suffix") else [])
    if given:
        parts.append(latex_escape(given))
    return ", ".join(part for part in parts if part)


def _bibtex_keys(references):
    """One safe, unique BibTeX key per reference, its citation key where that is possible."""
    keys, used = [], set()
    for reference in references:
        base = _UNSAFE_KEY_RE.sub("-", reference.key) or "ref"
        key, n = base, 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        keys.append(key)
    return keys


def _bibtex_entry(reference, key):
    entry_type = _BIBTEX_TYPES.get(reference.csl_type, "misc")
    fields = {"title": latex_escape(reference.title)}
    names = [name for name in (_bibtex_name(name) for name in reference.authors or []) if name]
    if names and reference.authors_incomplete:
        names.append("others")  # BibTeX's own "et al." (Pandoc reads it as {"literal": "others"})
    if names:
        fields["author"] = " and ".join(names)
    if reference.container_title:
        fields[_CONTAINER_FIELD.get(entry_type, "howpublished")] = latex_escape(reference.container_title)
    if reference.publisher:
        fields["institution" if entry_type == "techreport" else "publisher"] = latex_escape(reference.publisher)
    if reference.issued_year:
        fields["year"] = str(reference.issued_year)
    if reference.issued_month:
        fields["month"] = _MONTHS[reference.issued_month - 1]
    for name, value in (("volume", reference.volume), ("number", reference.issue)):
        if value:
            fields[name] = latex_escape(value)
    if reference.pages:
        fields["pages"] = latex_escape(re.sub(r"\s*[-–—]+\s*", "--", reference.pages))
    if reference.doi:
        fields["doi"] = _url_value(reference.doi)
    if reference.pmid:
        fields["pmid"] = reference.pmid
    if reference.url:
        fields["url"] = _url_value(reference.url)
    if reference.retracted:
        fields["note"] = "Retracted"
    return Entry(entry_type, key, [Field(name, value) for name, value in fields.items()])


def to_bibtex(references):
    references = list(references)
    entries = [
        _bibtex_entry(reference, key) for reference, key in zip(references, _bibtex_keys(references), strict=True)
    ]
    return bibtexparser.write_string(bibtexparser.Library(entries))


# --- RIS -----------------------------------------------------------------------------

_RIS_TYPES = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "article": "JOUR",
    "review": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CONF",
    "report": "RPRT",
    "thesis": "THES",
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "dataset": "DATA",
    "legislation": "STAT",
}


_PAGE_RANGE_RE = re.compile(r"^\s*(.*?)\s*([-–—]+\s*(.*?))?\s*$")


def _ris_name(name):
    if not isinstance(name, dict):
        return ""
    if name.get("literal"):
        return name["literal"]
    family = " ".join(part for part in (name.get("non-dropping-particle"), name.get("family")) if part)
    given = " ".join(part for part in (name.get("given"), name.get("dropping-particle")) if part)
    return ", ".join(part for part in (family, given, name.get("suffix")) if part)


def _ris_entry(reference):
    entry = {"type_of_reference": _RIS_TYPES.get(reference.csl_type, "GEN"), "id": reference.key}
    authors = [name for name in (_ris_name(name) for name in reference.authors or []) if name]
    if authors and reference.authors_incomplete:
        # RIS has no marker for an incomplete list. A last AU "et al." is what reference
        # managers (EndNote, Zotero, Mendeley) keep as a one-field name and print as it is,
        # so the citations they make end in "et al." as ours do; leaving it out would make
        # the list look complete again.
        authors.append(MARKER["literal"])
    if authors:
        entry["authors"] = authors
    entry["title"] = reference.title
    if reference.container_title:
        entry["secondary_title"] = reference.container_title
    if reference.publisher:
        entry["publisher"] = reference.publisher
    if reference.issued_year:
        entry["year"] = str(reference.issued_year)
        parts = reference.issued_date_parts
        entry["date"] = "/".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]] + [""] * (3 - len(parts)))
    if reference.volume:
        entry["volume"] = reference.volume
    if reference.issue:
        entry["number"] = reference.issue
    if reference.pages:
        start, _dash, end = _PAGE_RANGE_RE.match(reference.pages).groups()
        entry["start_page"] = start
        if end:
            entry["end_page"] = end
    if reference.doi:
        entry["doi"] = reference.doi
    if reference.pmid:
        entry["accession_number"] = reference.pmid  # AN: the PubMed ID, as PubMed's own RIS does
    if reference.url:
        entry["urls"] = [reference.url]
    if reference.retracted:
        entry["notes"] = ["Retracted"]
    return entry


class _RisWriter(rispy.RisWriter):
    """rispy's writer without the "1." it puts before each record: no RIS tag, and a line some
    reference managers report as malformed. Every record starts with its TY line."""

    def set_header(self, count):
        return ""


def to_ris(references):
    return rispy.dumps([_ris_entry(reference) for reference in references], implementation=_RisWriter)


# --- files ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFormat:
    extension: str
    content_type: str
    write: object  # references -> str


EXPORT_FORMATS = {
    "json": ExportFormat("json", "application/vnd.citationstyles.csl+json; charset=utf-8", to_csl_json),
    "bib": ExportFormat("bib", "application/x-bibtex; charset=utf-8", to_bibtex),
    "ris": ExportFormat("ris", "application/x-research-info-systems; charset=utf-8", to_ris),
}


def export_response(references, fmt, filename_stem):
    """An HttpResponse downloading ``references`` as ``<filename_stem>.<ext>``.

    ``filename_stem`` must be ASCII letters, digits and - (a slug)."""
    export = EXPORT_FORMATS[fmt]
    response = HttpResponse(export.write(references), content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}.{export.extension}"'
    return response
