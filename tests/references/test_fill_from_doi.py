""""Fill from DOI or PMID" with a DOI fills the reference form from Crossref (here the
stand-in server's recorded Crossref answer) and saves nothing."""

from django.urls import reverse
from reversion.models import Version

from references.models import Reference
from tests.factories import make_article, make_reference
from tests.references.admin_forms import posted_form
from tests.references.standin import recorded

ADD_URL = reverse("admin:references_reference_add")
DOI = "10.1371/journal.pone.0033693"


def lookup_post(**fields):
    data = {"key": "", "csl_type": "article-journal", "evidence": "other", "title": "", "authors-rows": "0",
            "csl_extra": "{}", "_lookup": "1"}
    data.update(fields)
    return data


def test_a_doi_fills_the_form_from_crossref_without_saving(editor_client, standin):
    standin.crossref_work(DOI, recorded("crossref-work-10.1371-journal.pone.0033693.json"))
    response = editor_client.post(ADD_URL, lookup_post(key="sadasivan2012", lookup=f"https://doi.org/{DOI}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filled from Crossref: CSL type, title, authors, journal or series, publisher, year issued, month issued, day issued, volume, issue, pages, DOI. Check them, then save." in html
    assert "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia" in html
    assert 'name="authors-0-family" value="Sadasivan"' in html
    assert 'name="authors-1-given" value="Brooks B."' in html
    assert 'name="authors-5-family" value="Smeyne"' in html
    assert 'name="container_title" value="PLoS ONE"' in html
    assert 'name="volume" value="7"' in html and 'name="issue" value="3"' in html
    assert 'name="pages" value="e33693"' in html
    assert 'name="issued_year" value="2012"' in html and 'name="issued_month" value="3"' in html
    assert f'name="doi" value="{DOI}"' in html
    assert 'name="key" value="sadasivan2012"' in html  # what the editor typed stays
    assert "errornote" not in html
    assert not Reference.objects.exists()
    assert not Version.objects.exists()
    # A polite request: our User-Agent with the contact address, and mailto for Crossref's pool.
    request = standin.requests[-1]
    assert request["headers"]["User-Agent"] == "MedCMS/1.0 (reference lookup; mailto:editors@medcms.example)"
    assert "mailto=editors%40medcms.example" in request["path"]


def test_the_filled_form_saves_as_filled(editor_client, standin):
    standin.crossref_work(DOI, recorded("crossref-work-10.1371-journal.pone.0033693.json"))
    html = editor_client.post(ADD_URL, lookup_post(key="sadasivan2012", lookup=DOI)).content.decode()
    data = posted_form(html)
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    reference = Reference.objects.get(key="sadasivan2012")
    assert reference.doi == DOI and reference.csl_type == "article-journal"
    assert [name["family"] for name in reference.authors] == ["Sadasivan", "Pond", "Pani", "Qu", "Jiao", "Smeyne"]
    assert reference.title.startswith("Methylphenidate Exposure")
    assert reference.csl_extra.get("ISSN") is None or isinstance(reference.csl_extra["ISSN"], str)


def test_with_the_box_empty_the_doi_of_the_form_is_looked_up(editor_client, standin):
    reference = make_reference("cited", doi=DOI, title="Old title typed by hand", evidence="cohort")
    make_article("published-one", summary="See [@cited].")
    standin.crossref_work(DOI, recorded("crossref-work-10.1371-journal.pone.0033693.json"))
    url = reverse("admin:references_reference_change", args=[reference.pk])
    response = editor_client.post(
        url, lookup_post(key="cited", doi=DOI, title="Old title typed by hand", evidence="cohort")
    )
    html = response.content.decode()
    assert "Methylphenidate Exposure Induces" in html
    assert '<option value="cohort" selected>' in html  # Crossref suggests no evidence type
    reference.refresh_from_db()
    assert reference.title == "Old title typed by hand"
