"""manage.py check_retractions asks Crossref and PubMed (the loopback stand-in serving
recorded answers) about every reference, marks the newly retracted ones with the notice's
DOI and date, records corrections, prints a summary, and is idempotent."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models.signals import post_save
from reversion.models import Version

from references.models import Reference
from tests.factories import make_article, make_reference
from tests.references.standin import recorded, recorded_json

RETRACTED_DOI = "10.5555/12345678"  # Crossref's test record: a retraction and a corrigendum
CLEAN_DOI = "10.1371/journal.pone.0033693"
PMID = "27933103"

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("check_retractions", stdout=out)
    return out.getvalue()


@pytest.fixture
def library(standin):
    standin.crossref_work(RETRACTED_DOI, recorded("crossref-work-10.5555-12345678.json"))
    standin.crossref_work(CLEAN_DOI, recorded("crossref-work-10.1371-journal.pone.0033693.json"))
    standin.esummary([PMID], recorded("pubmed-esummary-27933103.json"))
    carberry = make_reference("carberry2008", doi=RETRACTED_DOI)
    sadasivan = make_reference("sadasivan2012", doi=CLEAN_DOI)
    scalfani = make_reference("scalfani2016", pmid=PMID)
    no_identifier = make_reference("who-handbook")
    make_article("cites-carberry", summary="Silly strings help [@carberry2008].")  # published, cites it
    return carberry, sadasivan, scalfani, no_identifier


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


def test_a_second_run_reports_nothing_new(library):
    run()
    carberry = Reference.objects.get(key="carberry2008")
    versions = Version.objects.get_for_object(carberry).count()
    output = run()
    assert "Newly retracted: 0\n" in output
    assert "New corrections and other notices: 0\n" in output
    assert "Errors: 0\n" in output
    assert Version.objects.get_for_object(carberry).count() == versions


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


def test_problems_are_one_line_each_and_the_others_are_still_checked(standin):
    standin.crossref_work(CLEAN_DOI, recorded("crossref-work-10.1371-journal.pone.0033693.json"))
    standin.crossref_work("10.1000/broken", b'{"status": "ok", "message": ')
    standin.esummary([PMID], {"header": {"type": "esummary", "version": "0.3"},
                              "result": {"uids": [PMID], PMID: {"uid": PMID, "error": "cannot get document summary"}}})
    make_reference("a-broken", doi="10.1000/broken")
    make_reference("b-unknown", doi="10.1000/unknown")
    make_reference("c-clean", doi=CLEAN_DOI)
    make_reference("d-pmid", pmid=PMID)
    output = run()
    assert output.splitlines()[-4:] == [
        "Errors: 3",
        "  a-broken: Crossref sent an answer that is not valid JSON; try again later or fill the fields by hand.",
        "  b-unknown: Crossref has no record of DOI 10.1000/unknown.",
        "  d-pmid: PubMed has no record of PMID 27933103.",
    ]
    assert "Traceback" not in output


def test_exits_non_zero_only_when_a_service_cannot_be_reached_at_all(closed_port):
    for number in range(5):
        make_reference(f"ref-{number}", doi=f"10.1000/{number}")
    out = StringIO()
    with pytest.raises(CommandError, match="Could not reach Crossref at all; nothing was checked there."):
        call_command("check_retractions", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Checked 5 references (DOIs asked of Crossref: 3; PMIDs asked of PubMed: 0)."
    assert "  ref-0: Crossref could not be reached (connection refused): fill the fields by hand." in lines
    assert "  ref-4: not checked, Crossref could not be reached." in lines  # gave up after three attempts
