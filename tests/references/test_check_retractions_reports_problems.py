"""check_retractions prints one line per problem, checks the rest, and exits non-zero only
when a service could not be reached at all."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_reference
from tests.references.retraction_library import CLEAN_DOI, PMID, run
from tests.references.standin import recorded

pytestmark = pytest.mark.django_db


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
