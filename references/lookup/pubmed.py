"""PubMed through NCBI E-utilities: a record (efetch, PubMed XML) as Reference field values
with the evidence type its publication types and MeSH headings suggest; document summaries
(esummary, JSON, 200 a request) for PubMed's retraction flag."""

import re
import xml.etree.ElementTree as ET  # noqa: S405 (entity declarations are refused before parsing)

from django.conf import settings
from django.utils.translation import gettext as _

from ..models import EvidenceType
from .http import BadResponse, RecordNotFound, get, get_json

SERVICE = "PubMed"
BATCH_SIZE = 200  # ids per esummary request (NCBI allows up to 500 in JSON)

# PubMed publication types (https://www.nlm.nih.gov/mesh/pubtypes.html) -> our evidence types,
# strongest first: a record typed both "Meta-Analysis" and "Randomized Controlled Trial" is
# a systematic review.
EVIDENCE_BY_PUBLICATION_TYPE = (
    (EvidenceType.GUIDELINE, {"Practice Guideline", "Guideline", "Consensus Development Conference",
                              "Consensus Development Conference, NIH"}),
    (EvidenceType.SYSTEMATIC_REVIEW, {"Systematic Review", "Meta-Analysis"}),
    (EvidenceType.RCT, {"Randomized Controlled Trial", "Equivalence Trial", "Pragmatic Clinical Trial"}),
    (EvidenceType.COHORT, {"Observational Study", "Cohort Study", "Twin Study"}),
    (EvidenceType.CASE_CONTROL, {"Case-Control Study"}),
    (EvidenceType.CASE_SERIES, {"Case Reports"}),
    (EvidenceType.EXPERT_OPINION, {"Editorial", "Comment", "Letter", "Review"}),
)
# MeSH headings that name a study's design, for records whose publication types do not.
EVIDENCE_BY_MESH_HEADING = (
    (EvidenceType.CASE_CONTROL, {"Case-Control Studies"}),
    (EvidenceType.COHORT, {"Cohort Studies", "Prospective Studies", "Retrospective Studies",
                           "Longitudinal Studies", "Follow-Up Studies"}),
)
# Publication types stronger than what a MeSH design heading says.
_BEFORE_MESH = 3  # guideline, systematic review, randomized controlled trial
RETRACTED_PUBLICATION = "Retracted Publication"

MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_PUBDATE_RE = re.compile(r"^\s*(\d{4})(?:\s+([A-Za-z]{3})[A-Za-z]*(?:\s+(\d{1,2}))?)?")


def suggest_evidence(publication_types, mesh_headings=()):
    """The evidence type PubMed's publication types (and MeSH design headings) suggest, or None."""
    types = {str(name).strip() for name in publication_types or ()}
    headings = {str(name).strip() for name in mesh_headings or ()}
    rules = [
        *((evidence, types, names) for evidence, names in EVIDENCE_BY_PUBLICATION_TYPE[:_BEFORE_MESH]),
        *((evidence, headings, names) for evidence, names in EVIDENCE_BY_MESH_HEADING),
        *((evidence, types, names) for evidence, names in EVIDENCE_BY_PUBLICATION_TYPE[_BEFORE_MESH:]),
    ]
    for evidence, found, names in rules:
        if found & names:
            return evidence
    return None


def fetch_summaries(pmids):
    """{pmid: summary} for the PMIDs PubMed knows; raises LookupFailed."""
    summaries = {}
    pmids = list(dict.fromkeys(pmids))
    for start in range(0, len(pmids), BATCH_SIZE):
        batch = pmids[start : start + BATCH_SIZE]
        params = {"db": "pubmed", "id": ",".join(batch), "retmode": "json", "tool": "medcms"}
        if settings.REFERENCE_LOOKUP_MAILTO:
            params["email"] = settings.REFERENCE_LOOKUP_MAILTO
        data = get_json(f"{settings.EUTILS_API_URL.rstrip('/')}/esummary.fcgi", service=SERVICE, params=params)
        result = data.get("result") if isinstance(data, dict) else None
        if not isinstance(result, dict):
            error = data.get("error") if isinstance(data, dict) else None
            raise BadResponse(
                _("PubMed sent an answer without document summaries (%(error)s); try again later.")
                % {"error": error or _("no result")}
            )
        for pmid in batch:
            summary = result.get(pmid)
            if isinstance(summary, dict) and not summary.get("error"):
                summaries[pmid] = summary
    return summaries


def fetch_record(pmid):
    """The PubmedArticle element of a PMID (efetch, PubMed XML); raises LookupFailed."""
    params = {"db": "pubmed", "id": pmid, "retmode": "xml", "tool": "medcms"}
    if settings.REFERENCE_LOOKUP_MAILTO:
        params["email"] = settings.REFERENCE_LOOKUP_MAILTO
    body = get(f"{settings.EUTILS_API_URL.rstrip('/')}/efetch.fcgi", service=SERVICE, params=params,
               not_found=_("PubMed has no record of PMID %(pmid)s.") % {"pmid": pmid})
    broken = BadResponse(_("PubMed sent an answer that is not PubMed XML; try again later or fill the fields by hand."))
    if b"<!ENTITY" in body:
        raise broken
    try:
        root = ET.fromstring(body)  # noqa: S314 (no entity declarations, checked above)
    except ET.ParseError:
        raise broken from None
    for article in root.iter("PubmedArticle"):
        if _text(article.find("MedlineCitation/PMID")) == pmid:
            return article
    if root.tag not in ("PubmedArticleSet", "eFetchResult"):
        raise broken
    raise RecordNotFound(_("PubMed has no record of PMID %(pmid)s.") % {"pmid": pmid})


# CSL rich text (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html) that PubMed uses too.
_RICH_TAGS = {"i", "b", "sup", "sub"}


def _text(element, *, rich=False):
    """The text of an element, whitespace collapsed; with rich, <i> <b> <sup> <sub> kept."""
    if element is None:
        return ""
    if not rich:
        return " ".join("".join(element.itertext()).split())
    parts = [element.text or ""]
    for child in element:
        inner = _text(child, rich=True)
        parts.append(f"<{child.tag}>{inner}</{child.tag}>" if child.tag in _RICH_TAGS and inner else inner)
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _author(author):
    collective = _text(author.find("CollectiveName"))
    if collective:
        return {"literal": collective}
    family = _text(author.find("LastName"))
    if not family:
        return None
    name = {"family": family}
    given = _text(author.find("ForeName")) or " ".join(f"{letter}." for letter in _text(author.find("Initials")))
    if given:
        name["given"] = given
    suffix = _text(author.find("Suffix"))
    if suffix:
        name["suffix"] = suffix
    return name


def _issued(pubdate):
    fields = {}
    if pubdate is None:
        return fields
    year = _text(pubdate.find("Year"))
    month = _text(pubdate.find("Month"))
    day = _text(pubdate.find("Day"))
    if not year:  # <MedlineDate>2014 Jul-Aug</MedlineDate>
        match = _PUBDATE_RE.match(_text(pubdate.find("MedlineDate")))
        year, month, day = (match.group(1), match.group(2) or "", "") if match else ("", "", "")
    if year.isdigit():
        fields["issued_year"] = int(year)
        month_number = int(month) if month.isdigit() else MONTHS.get(month[:3].lower())
        if month_number and 1 <= month_number <= 12:
            fields["issued_month"] = month_number
            if day.isdigit() and 1 <= int(day) <= 31:
                fields["issued_day"] = int(day)
    return fields


def record_to_fields(article):
    """Reference field values from a PubmedArticle element (only the fields it has)."""
    citation = article.find("MedlineCitation")
    journal = citation.find("Article/Journal")
    title = _text(citation.find("Article/ArticleTitle"), rich=True)
    if title.startswith("[") and title.endswith("]."):
        title = title[1:-2]  # NLM brackets titles translated into English
    elif title.endswith(".") and not title.endswith(".."):
        title = title[:-1]  # and ends every title with a period
    fields = {
        "csl_type": "article-journal",
        "title": title,
        "authors": [name for author in citation.iterfind("Article/AuthorList/Author") if (name := _author(author))],
        "container_title": _text(journal.find("Title")) if journal is not None else "",
        "volume": _text(journal.find("JournalIssue/Volume")) if journal is not None else "",
        "issue": _text(journal.find("JournalIssue/Issue")) if journal is not None else "",
        "pages": _text(citation.find("Article/Pagination/MedlinePgn")),
        "doi": next((_text(item) for item in citation.iterfind("Article/ELocationID")
                     if item.get("EIdType") == "doi"), "")
        or next((_text(item) for item in article.iterfind("PubmedData/ArticleIdList/ArticleId")
                 if item.get("IdType") == "doi"), ""),
        "pmid": _text(citation.find("PMID")),
    }
    author_list = citation.find("Article/AuthorList")
    if fields["authors"] and author_list is not None:
        # CompleteYN="N": NLM itself lists only some authors (older MEDLINE records).
        fields["authors_incomplete"] = author_list.get("CompleteYN") == "N"
    if journal is not None:
        fields.update(_issued(journal.find("JournalIssue/PubDate")))
    extra = {}
    short = _text(citation.find("MedlineJournalInfo/MedlineTA")) or (
        _text(journal.find("ISOAbbreviation")) if journal is not None else "")
    if short and short != fields["container_title"]:
        extra["container-title-short"] = short  # NLM's abbreviation, as Vancouver prints it
    abstract = "\n".join(
        " ".join(part for part in (f"{part.get('Label')}:" if part.get("Label") else "", _text(part)) if part)
        for part in citation.iterfind("Article/Abstract/AbstractText")
    )
    if abstract:
        extra["abstract"] = abstract
    if extra:
        fields["csl_extra"] = extra
    publication_types = [_text(item) for item in citation.iterfind("Article/PublicationTypeList/PublicationType")]
    headings = [_text(item) for item in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")]
    evidence = suggest_evidence(publication_types, headings)
    if evidence:
        fields["evidence"] = evidence
    return {name: value for name, value in fields.items() if value not in ("", [], None)}


def is_retracted(summary):
    return RETRACTED_PUBLICATION in (summary.get("pubtype") or [])
