"""PubMed document summaries (E-utilities esummary, JSON) as Reference field values, the
evidence type PubMed's publication types suggest, and PubMed's retraction flag."""

import re

from django.conf import settings
from django.utils.translation import gettext as _

from ..models import EvidenceType
from .http import BadResponse, RecordNotFound, get_json

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
RETRACTED_PUBLICATION = "Retracted Publication"

MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_PUBDATE_RE = re.compile(r"^\s*(\d{4})(?:\s+([A-Za-z]{3})[A-Za-z]*(?:\s+(\d{1,2}))?)?")
_INITIALS_RE = re.compile(r"^[A-Z]{1,4}$")


def suggest_evidence(publication_types):
    """The evidence type PubMed's publication types suggest, or None."""
    types = {str(name).strip() for name in publication_types or ()}
    for evidence, names in EVIDENCE_BY_PUBLICATION_TYPE:
        if types & names:
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


def fetch_summary(pmid):
    summary = fetch_summaries([pmid]).get(pmid)
    if summary is None:
        raise RecordNotFound(_("PubMed has no record of PMID %(pmid)s.") % {"pmid": pmid})
    return summary


def _name(author):
    """'van de Beek D' -> {family: 'van de Beek', given: 'D.'}; a collective name -> literal."""
    name = " ".join(str(author.get("name") or "").split())
    if not name:
        return None
    if author.get("authtype") == "CollectiveName":
        return {"literal": name}
    family, _space, last = name.rpartition(" ")
    if family and _INITIALS_RE.match(last):
        return {"family": family, "given": " ".join(f"{letter}." for letter in last)}
    return {"family": name}


def _doi(summary):
    for article_id in summary.get("articleids") or []:
        if isinstance(article_id, dict) and article_id.get("idtype") == "doi" and article_id.get("value"):
            return str(article_id["value"]).strip()
    return ""


def summary_to_fields(summary):
    """Reference field values from a PubMed document summary (only the fields it has)."""
    fields = {
        "csl_type": "article-journal",
        "title": " ".join(str(summary.get("title") or "").split()),
        "authors": [name for author in summary.get("authors") or [] if isinstance(author, dict)
                    if (name := _name(author))],
        # NLM's journal abbreviation, as Vancouver citations print it.
        "container_title": str(summary.get("source") or "").strip(),
        "volume": str(summary.get("volume") or "").strip(),
        "issue": str(summary.get("issue") or "").strip(),
        "pages": str(summary.get("pages") or "").strip(),
        "doi": _doi(summary),
        "pmid": str(summary.get("uid") or "").strip(),
    }
    match = _PUBDATE_RE.match(str(summary.get("pubdate") or ""))
    if match:
        fields["issued_year"] = int(match.group(1))
        month = MONTHS.get((match.group(2) or "").lower())
        if month:
            fields["issued_month"] = month
            if match.group(3):
                fields["issued_day"] = int(match.group(3))
    if fields["title"].endswith(".") and not fields["title"].endswith(".."):
        fields["title"] = fields["title"][:-1]  # PubMed ends every title with a period
    evidence = suggest_evidence(summary.get("pubtype"))
    if evidence:
        fields["evidence"] = evidence
    return {name: value for name, value in fields.items() if value not in ("", [], None)}


def is_retracted(summary):
    return RETRACTED_PUBLICATION in (summary.get("pubtype") or [])
