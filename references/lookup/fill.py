""""Fill from DOI or PMID": Reference field values for an identifier someone typed."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import DOI_RE, PMID_RE, EvidenceType, normalize_doi
from . import crossref, pubmed
from .http import LookupFailed

_PMID_PREFIX_RE = re.compile(r"^\s*(?:pmid|pubmed)\s*:?\s*", re.IGNORECASE)


@dataclass
class Filled:
    """What a lookup found: the service, the field values, and the evidence type it suggests."""

    service: str
    fields: dict = field(default_factory=dict)

    @property
    def suggested_evidence(self):
        evidence = self.fields.get("evidence")
        return EvidenceType(evidence).label if evidence else None


def parse_identifier(text):
    """("doi", doi) or ("pmid", pmid) for what someone typed; raises LookupFailed otherwise."""
    text = (text or "").strip()
    pmid = _PMID_PREFIX_RE.sub("", text)
    if PMID_RE.match(pmid):
        return "pmid", pmid
    doi = normalize_doi(text)
    if DOI_RE.match(doi):
        return "doi", doi
    raise LookupFailed(
        _("“%(value)s” is neither a DOI (10.1234/suffix) nor a PubMed ID (digits).") % {"value": text[:200]}
    )


def lookup(text):
    """Filled values for a DOI or PMID; raises LookupFailed with a message to show."""
    kind, identifier = parse_identifier(text)
    if kind == "doi":
        return Filled(crossref.SERVICE, crossref.work_to_fields(crossref.fetch_work(identifier)))
    return Filled(pubmed.SERVICE, pubmed.record_to_fields(pubmed.fetch_record(identifier)))
