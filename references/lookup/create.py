"""A new reference from a DOI or PubMed ID (the article workbench's citation picker).

``existing_reference(identifier)``: the library's reference with that DOI or PMID, if any (a
DOI compares case-insensitively). ``preview(identifier)``: what the lookup found, to confirm.
``create_from_identifier(identifier, user)``: looks it up and saves a new reference with a
citation key made by ``references/keys.py`` in one history revision, or returns the existing
one (``created`` False). Lookup failures raise ``LookupFailed`` with the message to show;
nothing is saved then.
"""

from dataclasses import dataclass

import reversion
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ..keys import suggest_key
from ..models import Reference
from .fill import lookup, parse_identifier

FIELDS = (
    "csl_type", "title", "authors", "container_title", "publisher", "issued_year", "issued_month",
    "issued_day", "volume", "issue", "pages", "doi", "pmid", "evidence", "csl_extra",
)


@dataclass
class Found:
    service: str
    fields: dict
    key: str  # the key the new reference would get
    existing: Reference | None  # already in the library (by the DOI or PMID the lookup gave)


def _matching(doi="", pmid=""):
    condition = Q()
    if doi:
        condition |= Q(doi__iexact=doi)
    if pmid:
        condition |= Q(pmid=pmid)
    return Reference.objects.filter(condition).order_by("pk").first() if condition else None


def existing_reference(identifier):
    """The reference of the library with the DOI or PMID typed (LookupFailed if neither)."""
    kind, value = parse_identifier(identifier)
    return _matching(doi=value) if kind == "doi" else _matching(pmid=value)


def find(identifier):
    """Look the identifier up (LookupFailed on any failure) and say what would be saved."""
    filled = lookup(identifier)
    fields = {name: value for name, value in filled.fields.items() if name in FIELDS}
    existing = _matching(doi=fields.get("doi", ""), pmid=fields.get("pmid", ""))
    return Found(filled.service, fields, existing.key if existing else suggest_key(fields), existing)


def create_from_identifier(identifier, user):
    """(reference, created): the library's reference for the identifier, made if needed."""
    existing = existing_reference(identifier)
    if existing is not None:
        return existing, False
    found = find(identifier)
    if found.existing is not None:
        return found.existing, False
    with transaction.atomic(), reversion.create_revision():
        reference = Reference(**found.fields)
        reference.key = suggest_key(found.fields)
        reference.full_clean()
        reference.save()
        reversion.set_user(user)
        reversion.set_comment(_("Added from %(service)s in the article workbench.") % {"service": found.service})
    return reference, True
