""""Fill from DOI or PMID" with a PubMed ID fills the form from the PubMed record (E-utilities
efetch), and suggests the evidence type from its publication types and MeSH headings."""

import pytest
from django.urls import reverse

from references.lookup.pubmed import suggest_evidence
from references.models import Reference
from tests.references.standin import recorded

ADD_URL = reverse("admin:references_reference_add")


def lookup_post(**fields):
    data = {"key": "", "csl_type": "article-journal", "evidence": "other", "title": "", "authors-rows": "0",
            "csl_extra": "{}", "_lookup": "1"}
    data.update(fields)
    return data


def test_a_pmid_fills_the_form_from_pubmed(editor_client, standin):
    standin.efetch("29963580", recorded("pubmed-efetch-29963580.xml"))
    response = editor_client.post(ADD_URL, lookup_post(key="guo2018", lookup="PMID: 29963580"))
    html = response.content.decode()
    assert "Filled from PubMed:" in html
    assert ">\nDevelopment of a pulmonary imaging biomarker pipeline for phenotyping of chronic lung disease</textarea>" in html
    assert 'name="authors-0-family" value="Guo"' in html and 'name="authors-0-given" value="Fumin"' in html
    assert 'name="authors-5-given" value="David G"' in html
    assert 'name="authors-8-literal" value="Canadian Respiratory Research Network"' in html  # a group author
    assert 'name="container_title" value="Journal of medical imaging (Bellingham, Wash.)"' in html
    assert "&quot;container-title-short&quot;: &quot;J Med Imaging (Bellingham)&quot;" in html
    assert 'name="volume" value="5"' in html and 'name="issue" value="2"' in html
    assert 'name="pages" value="026002"' in html
    assert 'name="issued_year" value="2018"' in html and 'name="issued_month" value="4"' in html
    assert 'name="doi" value="10.1117/1.JMI.5.2.026002"' in html
    assert 'name="pmid" value="29963580"' in html
    assert 'name="key" value="guo2018"' in html
    # A "Journal Article" with no design heading says nothing about the evidence: the choice stays.
    assert '<option value="other" selected>' in html
    assert "Evidence type suggested" not in html
    assert not Reference.objects.exists()
    request = standin.requests[-1]
    assert request["route"] == "/eutils/efetch.fcgi?db=pubmed&id=29963580&retmode=xml"
    assert "email=editors%40medcms.example" in request["path"] and "tool=medcms" in request["path"]


def test_the_evidence_type_is_suggested_from_publication_types_and_mesh(editor_client, standin):
    # Publication type "Observational Study", MeSH "Case-Control Studies" and "Prospective Studies".
    standin.efetch("27797938", recorded("pubmed-efetch-27797938.xml"))
    html = editor_client.post(ADD_URL, lookup_post(lookup="27797938")).content.decode()
    assert '<option value="case-control" selected>' in html
    assert (
        "Evidence type suggested from PubMed&#x27;s publication types and MeSH headings: Case-control study." in html
    )
    assert "Leucocyte telomere length, genetic variants at the &lt;i&gt;TERT&lt;/i&gt; gene region" in html


@pytest.mark.parametrize(
    ("publication_types", "mesh", "evidence"),
    [
        (["Journal Article", "Randomized Controlled Trial"], [], "rct"),
        (["Journal Article", "Meta-Analysis", "Randomized Controlled Trial"], [], "systematic-review"),
        (["Systematic Review", "Journal Article"], [], "systematic-review"),
        (["Practice Guideline"], [], "guideline"),
        (["Guideline", "Review"], [], "guideline"),
        (["Case Reports"], [], "case-series"),
        (["Journal Article"], ["Humans", "Cohort Studies"], "cohort"),
        (["Observational Study"], ["Case-Control Studies", "Prospective Studies"], "case-control"),
        (["Observational Study"], [], "cohort"),
        (["Randomized Controlled Trial"], ["Cohort Studies"], "rct"),
        (["Editorial"], [], "expert-opinion"),
        (["Journal Article", "Research Support, Non-U.S. Gov't"], ["Humans"], None),
        ([], [], None),
    ],
)
def test_publication_types_and_mesh_map_to_the_strongest_evidence_type(publication_types, mesh, evidence):
    assert suggest_evidence(publication_types, mesh) == evidence
