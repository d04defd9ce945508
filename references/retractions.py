"""Retraction monitoring: ask Crossref and PubMed about every reference of the library and
mark those newly retracted (with the notice's DOI and date), so that whatever listens to a
reference being saved retracted (the review workflow) reacts. Corrections, errata and
expressions of concern are recorded on the reference as well.

Crossref: ``GET /works/<doi>`` lists the notices that update a work in ``updated-by``
(type retraction, correction, expression_of_concern, ..., from the publisher or from
Retraction Watch). PubMed: the publication type "Retracted Publication" in the document
summary (esummary, 200 PMIDs a request).
"""

from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.utils.translation import gettext as _

from .lookup import crossref, pubmed
from .lookup.http import LookupFailed, ServiceUnreachable
from .models import Reference, RetractionSource

# After this many failed attempts without one answer, a service is taken to be unreachable
# and is not asked again in this run (rather than waiting for a timeout per reference).
GIVE_UP_AFTER = 3


@dataclass
class ServiceState:
    name: str
    asked: int = 0
    answered: int = 0
    failed: int = 0
    last_failure: str = ""

    @property
    def given_up(self):
        return self.answered == 0 and self.failed >= GIVE_UP_AFTER

    @property
    def unreachable(self):
        return self.asked > 0 and self.answered == 0


@dataclass
class RetractionReport:
    checked: int = 0
    dois: int = 0
    pmids: int = 0
    newly_retracted: list = field(default_factory=list)  # (key, line)
    notices: list = field(default_factory=list)  # (key, line)
    errors: list = field(default_factory=list)  # lines
    services: dict = field(default_factory=dict)  # name -> ServiceState

    @property
    def unreachable(self):
        return [state for state in self.services.values() if state.unreachable]


def check_library(references=None):
    """Check ``references`` (default: the whole library); returns a RetractionReport."""
    references = list(references if references is not None else Reference.objects.order_by("key"))
    report = RetractionReport(checked=len(references))
    _check_crossref([ref for ref in references if ref.doi], report)
    _check_pubmed([ref for ref in references if ref.pmid], report)
    return report


def _check_crossref(references, report):
    state = report.services.setdefault(crossref.SERVICE, ServiceState(crossref.SERVICE))
    for reference in references:
        if state.given_up:
            report.errors.append(
                _("%(key)s: not checked, %(service)s could not be reached.")
                % {"key": reference.key, "service": state.name}
            )
            continue
        report.dois += 1
        state.asked += 1
        try:
            message = crossref.fetch_work(reference.doi)
        except ServiceUnreachable as error:
            state.failed += 1
            report.errors.append(f"{reference.key}: {error}")
            continue
        except LookupFailed as error:
            state.answered += 1
            report.errors.append(f"{reference.key}: {error}")
            continue
        state.answered += 1
        found = crossref.notices(message)
        retraction = next((notice for notice in found if notice.is_retraction), None)
        reference.refresh_from_db()
        comments = []
        if retraction:
            comments += _mark_retracted(reference, report, notice_doi=retraction.doi, on=retraction.date,
                                        source=RetractionSource.CROSSREF)
        comments += _record_notices(reference, report, [notice for notice in found if not notice.is_retraction])
        _save(reference, comments)


def _check_pubmed(references, report):
    state = report.services.setdefault(pubmed.SERVICE, ServiceState(pubmed.SERVICE))
    by_pmid = {}
    for reference in references:
        by_pmid.setdefault(reference.pmid, reference)
    pmids = list(by_pmid)
    for start in range(0, len(pmids), pubmed.BATCH_SIZE):
        batch = pmids[start : start + pubmed.BATCH_SIZE]
        if state.given_up:
            report.errors.extend(
                _("%(key)s: not checked, %(service)s could not be reached.")
                % {"key": by_pmid[pmid].key, "service": state.name}
                for pmid in batch
            )
            continue
        report.pmids += len(batch)
        state.asked += 1
        try:
            summaries = pubmed.fetch_summaries(batch)
        except ServiceUnreachable as error:
            state.failed += 1
            report.errors.extend(f"{by_pmid[pmid].key}: {error}" for pmid in batch)
            continue
        except LookupFailed as error:
            state.answered += 1
            report.errors.extend(f"{by_pmid[pmid].key}: {error}" for pmid in batch)
            continue
        state.answered += 1
        for pmid in batch:
            reference = by_pmid[pmid]
            summary = summaries.get(pmid)
            if summary is None:
                report.errors.append(
                    _("%(key)s: PubMed has no record of PMID %(pmid)s.") % {"key": reference.key, "pmid": pmid}
                )
            elif pubmed.is_retracted(summary):
                reference.refresh_from_db()
                _save(reference, _mark_retracted(reference, report, notice_doi="", on=None,
                                                 source=RetractionSource.PUBMED))


def _save(reference, comments):
    """Save (post_save fires, a revision records it) if anything changed."""
    if not comments:
        return
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment("check_retractions: " + "; ".join(comments))
        reference.save()


def _mark_retracted(reference, report, *, notice_doi, on, source):
    """Mark a reference retracted (in memory); returns the comments for its revision."""
    if reference.retracted:
        if notice_doi and not reference.retraction_notice_doi:
            # Marked by hand (or from PubMed) before: add what the notice says, quietly.
            reference.retraction_notice_doi = notice_doi
            reference.retracted_on = reference.retracted_on or on
            return [_("retraction notice %(doi)s added") % {"doi": notice_doi}]
        return []
    reference.retracted = True
    reference.retraction_notice_doi = notice_doi
    reference.retracted_on = on
    reference.retraction_source = source
    service = RetractionSource(source).label
    if notice_doi:
        line = _("%(key)s: retracted%(date)s, notice %(doi)s (%(service)s)") % {
            "key": reference.key,
            "date": f" {on.isoformat()}" if on else "",
            "doi": notice_doi,
            "service": service,
        }
    else:
        line = _("%(key)s: listed as a retracted publication by %(service)s") % {
            "key": reference.key, "service": service,
        }
    report.newly_retracted.append((reference.key, line))
    return [_("marked retracted: %(line)s") % {"line": line}]


def _record_notices(reference, report, notices):
    """Add the notices not recorded yet (in memory); returns the comments for its revision."""
    known = {(item.get("doi"), item.get("type")) for item in reference.correction_notices or []
             if isinstance(item, dict)}
    new = []
    for notice in notices:
        if (notice.doi, notice.type) not in known:
            known.add((notice.doi, notice.type))
            new.append(notice)
    if not new:
        return []
    reference.correction_notices = [*(reference.correction_notices or []), *(notice.as_json() for notice in new)]
    lines = [
        _("%(key)s: %(type)s %(doi)s%(date)s (%(source)s)") % {
            "key": reference.key,
            "type": notice.type.replace("_", " "),
            "doi": notice.doi,
            "date": f", {notice.date.isoformat()}" if notice.date else "",
            "source": notice.source,
        }
        for notice in new
    ]
    report.notices.extend((reference.key, line) for line in lines)
    return [_("notice recorded: %(line)s") % {"line": line} for line in lines]
