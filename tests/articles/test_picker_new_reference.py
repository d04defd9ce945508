"""The citation picker adds a new source from its DOI or PMID without leaving the article:
the lookup (the loopback stand-in for Crossref and PubMed) shows what it found, the editor
confirms, the reference is saved with a key like the library's (first author + year)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from reversion.models import Version

from references.models import Reference
from tests.factories import make_reference
from tests.references.conftest import closed_port, standin  # noqa: F401 (fixtures)
from tests.references.standin import recorded

NEW = reverse("admin:articles_article_new_reference")
DOI = "10.1371/journal.pone.0033693"
PMID = "29963580"


@pytest.fixture
def crossref(standin):  # noqa: F811
    standin.crossref_work(DOI, recorded("crossref-work-10.1371-journal.pone.0033693.json"))
    standin.efetch(PMID, recorded("pubmed-efetch-29963580.xml"))
    return standin


def test_a_doi_is_looked_up_and_shown_before_anything_is_saved(editor_client, crossref):
    response = editor_client.post(NEW, {"identifier": f"https://doi.org/{DOI}"})
    assert response.status_code == 200
    answer = response.json()
    assert answer["found"]["key"] == "sadasivan2012"
    assert answer["found"]["title"].startswith("Methylphenidate Exposure Induces Dopamine Neuron Loss")
    assert "Sadasivan S" in answer["found"]["citation_html"]
    assert answer["message"] == "Crossref found this source. Add it to the library as [@sadasivan2012]?"
    assert not Reference.objects.exists()


def test_confirming_adds_the_reference_in_a_revision_and_gives_its_key(editor_client, editor, crossref):
    response = editor_client.post(NEW, {"identifier": DOI, "_confirm": "1"})
    assert response.status_code == 200
    answer = response.json()
    assert answer["created"] is True
    assert answer["message"] == "Added to the library as [@sadasivan2012]."
    reference = Reference.objects.get()
    assert (reference.key, reference.doi, reference.issued_year) == ("sadasivan2012", DOI, 2012)
    assert reference.container_title == "PLoS ONE"
    version = Version.objects.get_for_object(reference).get()
    assert version.revision.user == editor


def test_a_pmid_is_looked_up_in_pubmed(editor_client, crossref):
    answer = editor_client.post(NEW, {"identifier": f"PMID: {PMID}", "_confirm": "1"}).json()
    reference = Reference.objects.get()
    assert reference.pmid == PMID
    assert answer["reference"]["key"] == reference.key
    assert reference.key.endswith(str(reference.issued_year))


def test_a_taken_key_gets_a_letter_after_the_year(editor_client, crossref):
    make_reference("sadasivan2012", title="Another paper by the same author that year")
    make_reference("sadasivan2012a", title="And a third one")
    answer = editor_client.post(NEW, {"identifier": DOI, "_confirm": "1"}).json()
    assert answer["reference"]["key"] == "sadasivan2012b"
    assert Reference.objects.get(doi=DOI).key == "sadasivan2012b"


def test_a_doi_already_in_the_library_is_reused_and_said_so(editor_client, crossref):
    make_reference("methylphenidate", doi=DOI.upper(), title="Methylphenidate exposure")
    for data in ({"identifier": DOI}, {"identifier": DOI, "_confirm": "1"}):
        answer = editor_client.post(NEW, data).json()
        assert answer["created"] is False
        assert answer["reference"]["key"] == "methylphenidate"
        assert answer["message"] == "Already in the library as [@methylphenidate]: nothing was added."
    assert Reference.objects.count() == 1
    assert crossref.requests == []  # known already: no need to ask Crossref


def test_a_pmid_whose_doi_is_in_the_library_is_not_added_twice(editor_client, crossref):
    found = editor_client.post(NEW, {"identifier": PMID, "_confirm": "1"}).json()
    doi = Reference.objects.get().doi
    assert doi
    Reference.objects.filter(pmid=PMID).update(pmid="")  # known by its DOI only
    answer = editor_client.post(NEW, {"identifier": PMID, "_confirm": "1"}).json()
    assert answer["created"] is False and answer["reference"]["key"] == found["reference"]["key"]
    assert Reference.objects.count() == 1


def test_offline_the_picker_says_so_and_nothing_is_created(editor_client, closed_port):  # noqa: F811
    for data in ({"identifier": DOI}, {"identifier": DOI, "_confirm": "1"}):
        response = editor_client.post(NEW, data)
        assert response.status_code == 502
        assert response.json()["error"].startswith("Crossref could not be reached")
    assert not Reference.objects.exists()


def test_an_unknown_doi_and_a_typo_are_explained(editor_client, crossref):
    response = editor_client.post(NEW, {"identifier": "10.1000/nothing-here", "_confirm": "1"})
    assert response.status_code == 400 and "Crossref" in response.json()["error"]
    response = editor_client.post(NEW, {"identifier": "not an identifier", "_confirm": "1"})
    assert response.status_code == 400
    assert response.json()["error"] == "“not an identifier” is neither a DOI (10.1234/suffix) nor a PubMed ID (digits)."
    assert not Reference.objects.exists()


@pytest.mark.parametrize("role", ["translator", "outsider", "board_member"])
def test_who_may_not_add_references_is_refused(client, crossref, role, request):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.post(NEW, {"identifier": DOI, "_confirm": "1"})
    assert response.status_code in (302, 403)  # the outsider is not staff: the admin's login
    if user.is_staff:
        assert response.status_code == 403
    assert not Reference.objects.exists()
    assert crossref.requests == []


def test_a_board_member_with_the_right_to_add_references_may(client, crossref, board_member):
    board_member.user_permissions.add(Permission.objects.get(codename="add_reference"))
    client.force_login(board_member)
    assert client.post(NEW, {"identifier": DOI, "_confirm": "1"}).json()["created"] is True
    assert Reference.objects.filter(doi=DOI).exists()


def test_the_form_offers_it_only_to_who_may_add_references(editor_client, client, translator):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'id="workbench-identifier"' in html and NEW in html
    client.force_login(translator)
    assert NEW not in client.get(reverse("admin:articles_article_changelist")).content.decode()


def test_only_post(editor_client):
    assert editor_client.get(NEW).status_code == 405
