""""Fill from DOI or PMID" with a PubMed ID fills the form from E-utilities esummary, and
suggests the evidence type from PubMed's publication types."""

import json

import pytest
from django.urls import reverse

from references.lookup.pubmed import suggest_evidence
from references.models import Reference
from tests.references.standin import recorded, recorded_json

ADD_URL = reverse("admin:references_reference_add")
PMID = "27933103"


def lookup_post(**fields):
    data = {"key": "", "csl_type": "article-journal", "evidence": "other", "title": "", "authors-rows": "0",
            "csl_extra": "{}", "_lookup": "1"}
    data.update(fields)
    return data


def test_a_pmid_fills_the_form_from_pubmed(editor_client, standin):
    standin.esummary([PMID], recorded("pubmed-esummary-27933103.json"))
    response = editor_client.post(ADD_URL, lookup_post(key="scalfani2016", lookup=f"PMID: {PMID}"))
    html = response.content.decode()
    assert "Filled from PubMed:" in html
    assert '>\nProgrammatic conversion of crystal structures into 3D printable files using Jmol</textarea>' in html
    assert 'name="authors-0-family" value="Scalfani"' in html
    assert 'name="authors-0-given" value="V. F."' in html  # "Scalfani VF": initials as CSL given names
    assert 'name="authors-7-family" value="Bara"' in html
    assert 'name="container_title" value="J Cheminform"' in html  # NLM's abbreviation, as Vancouver prints
    assert 'name="volume" value="8"' in html and 'name="pages" value="66"' in html
    assert 'name="issued_year" value="2016"' in html
    assert 'name="doi" value="10.1186/s13321-016-0181-z"' in html
    assert f'name="pmid" value="{PMID}"' in html
    # "Journal Article" says nothing about the evidence: the editor's choice stays.
    assert '<option value="other" selected>' in html
    assert "Evidence type suggested" not in html
    assert not Reference.objects.exists()
    assert standin.requests[-1]["route"] == f"/eutils/esummary.fcgi?db=pubmed&id={PMID}&retmode=json"


def test_the_evidence_type_is_suggested_from_the_publication_types(editor_client, standin):
    answer = recorded_json("pubmed-esummary-27933103.json")
    # The recorded record, its publication types replaced by those of a trial report.
    answer["result"][PMID]["pubtype"] = ["Journal Article", "Randomized Controlled Trial", "Multicenter Study"]
    standin.esummary([PMID], json.dumps(answer).encode())
    html = editor_client.post(ADD_URL, lookup_post(lookup=PMID)).content.decode()
    assert '<option value="rct" selected>' in html
    assert "Evidence type suggested from PubMed&#x27;s publication types: Randomized controlled trial." in html


@pytest.mark.parametrize(
    ("publication_types", "evidence"),
    [
        (["Journal Article", "Randomized Controlled Trial"], "rct"),
        (["Journal Article", "Meta-Analysis", "Randomized Controlled Trial"], "systematic-review"),
        (["Systematic Review", "Journal Article"], "systematic-review"),
        (["Practice Guideline"], "guideline"),
        (["Guideline", "Review"], "guideline"),
        (["Case Reports"], "case-series"),
        (["Observational Study"], "cohort"),
        (["Editorial"], "expert-opinion"),
        (["Journal Article", "Research Support, Non-U.S. Gov't"], None),
        ([], None),
    ],
)
def test_publication_types_map_to_the_strongest_evidence_type(publication_types, evidence):
    assert suggest_evidence(publication_types) == evidence
