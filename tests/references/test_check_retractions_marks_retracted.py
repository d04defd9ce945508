"""manage.py check_retractions marks a newly retracted reference with the notice's DOI and date
(Crossref) or as listed retracted (PubMed), saves it so that listeners see it, records
corrections, leaves the others alone and prints a summary."""

import datetime
import json

import pytest
from django.db.models.signals import post_save
from reversion.models import Version

from references.models import Reference
from tests.factories import make_reference
from tests.references.retraction_library import PMID, run
from tests.references.standin import recorded_json

pytestmark = pytest.mark.django_db


def test_a_retracted_reference_is_marked_with_the_notice_doi_and_date(library):
    carberry, sadasivan, scalfani, no_identifier = library
    output = run()
    carberry.refresh_from_db()
    assert carberry.retracted is True
    assert carberry.retraction_notice_doi == "10.5555/24242424x"
    assert carberry.retracted_on == datetime.date(2009, 9, 14)
    assert carberry.retraction_source == "crossref"
    assert carberry.correction_notices == [
        {"doi": "10.5555/12345678", "type": "corrigendum", "date": "2018-01-01", "source": "publisher"}
    ]
    for other in (sadasivan, scalfani, no_identifier):
        other.refresh_from_db()
        assert other.retracted is False and other.retraction_notice_doi == "" and other.retracted_on is None
    assert output.splitlines() == [
        "Checked 4 references (DOIs asked of Crossref: 2; PMIDs asked of PubMed: 1).",
        "Newly retracted: 1 (carberry2008)",
        "  carberry2008: retracted 2009-09-14, notice 10.5555/24242424x (Crossref)",
        "New corrections and other notices: 2",
        "  carberry2008: corrigendum 10.5555/12345678, 2018-01-01 (publisher)",
        "  sadasivan2012: correction 10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda, 2012-05-08 (publisher)",
        "Errors: 0",
    ]
    assert [notice["type"] for notice in sadasivan.correction_notices] == ["correction"]
    # The change is in the reference's history, with a comment saying where it came from.
    latest = Version.objects.get_for_object(carberry).first()
    assert latest.revision.get_comment().startswith("check_retractions: marked retracted: carberry2008: retracted")
    assert "notice recorded: carberry2008: corrigendum" in latest.revision.get_comment()


def test_the_reference_is_saved_so_that_listeners_see_it_retracted(library):
    seen = []

    def listener(sender, instance, **kwargs):
        seen.append((instance.key, instance.retracted, instance.retraction_notice_doi))

    post_save.connect(listener, sender=Reference)
    try:
        run()
    finally:
        post_save.disconnect(listener, sender=Reference)
    assert ("carberry2008", True, "10.5555/24242424x") in seen


def test_pubmed_retracted_publication_marks_the_reference(standin):
    answer = recorded_json("pubmed-esummary-27933103.json")
    # The recorded summary, with the publication type PubMed gives a retracted article added.
    answer["result"][PMID]["pubtype"] = ["Journal Article", "Retracted Publication"]
    standin.esummary([PMID], json.dumps(answer).encode())
    make_reference("scalfani2016", pmid=PMID)
    output = run()
    reference = Reference.objects.get(key="scalfani2016")
    assert reference.retracted is True and reference.retraction_source == "pubmed"
    assert "  scalfani2016: listed as a retracted publication by PubMed" in output
