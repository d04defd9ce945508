"""When Crossref or PubMed cannot help (offline, slow, unknown identifier, a broken answer)
the form says so in one sentence, keeps what was typed and saves nothing; never a traceback."""

import pytest
from django.urls import reverse

from references.lookup.crossref import fetch_work
from references.lookup.http import RecordNotFound, ServiceUnreachable
from references.models import Reference
from tests.references.standin import recorded

ADD_URL = reverse("admin:references_reference_add")


def lookup_post(**fields):
    data = {"key": "kept-key", "csl_type": "book", "evidence": "guideline", "title": "Typed by hand",
            "authors-rows": "1", "authors-0-family": "Zhou", "authors-0-given": "Li", "csl_extra": "{}",
            "_lookup": "1"}
    data.update(fields)
    return data


def assert_form_kept(html):
    assert '>\nTyped by hand</textarea>' in html
    assert 'name="authors-0-family" value="Zhou"' in html
    assert '<option value="book" selected>' in html
    assert "Traceback" not in html
    assert not Reference.objects.exists()


def test_offline_says_the_service_could_not_be_reached(editor_client, closed_port):
    html = editor_client.post(ADD_URL, lookup_post(lookup="10.1000/xyz")).content.decode()
    assert "Crossref could not be reached (connection refused): fill the fields by hand." in html
    assert_form_kept(html)


def test_a_service_slower_than_the_timeout_is_given_up(editor_client, standin, settings):
    settings.REFERENCE_LOOKUP_TIMEOUT = 0.5
    standin.crossref_work("10.1000/slow", recorded("crossref-work-10.5555-12345678.json"), delay=2)
    html = editor_client.post(ADD_URL, lookup_post(lookup="10.1000/slow")).content.decode()
    assert "Crossref could not be reached (timed out after 0.5 s): fill the fields by hand." in html
    assert_form_kept(html)


def test_an_unknown_doi_is_named(editor_client, standin):
    # No route: the stand-in answers 404 "Resource not found." as Crossref does (recorded).
    assert recorded("crossref-work-not-found.txt") == b"Resource not found."
    html = editor_client.post(ADD_URL, lookup_post(lookup="10.1371/notarealdoi")).content.decode()
    assert "Crossref has no record of DOI 10.1371/notarealdoi." in html
    assert_form_kept(html)


def test_an_unknown_pmid_is_named(editor_client, standin):
    # efetch answers an unknown PMID with an empty article set.
    standin.efetch("99999999", b'<?xml version="1.0" ?>\n<PubmedArticleSet></PubmedArticleSet>\n')
    html = editor_client.post(ADD_URL, lookup_post(lookup="99999999")).content.decode()
    assert "PubMed has no record of PMID 99999999." in html
    assert_form_kept(html)


def test_a_malformed_answer_is_reported(editor_client, standin):
    standin.crossref_work("10.1000/broken", recorded("crossref-work-10.5555-12345678.json")[:500])
    html = editor_client.post(ADD_URL, lookup_post(lookup="10.1000/broken")).content.decode()
    assert "Crossref sent an answer that is not valid JSON; try again later or fill the fields by hand." in html
    assert_form_kept(html)


def test_an_answer_that_is_not_pubmed_xml_is_reported(editor_client, standin):
    standin.efetch("12345", recorded("crossref-work-10.5555-12345678.json"))
    html = editor_client.post(ADD_URL, lookup_post(lookup="12345")).content.decode()
    assert "PubMed sent an answer that is not PubMed XML; try again later or fill the fields by hand." in html
    assert_form_kept(html)


def test_a_server_error_is_reported(editor_client, standin):
    standin.crossref_work("10.1000/down", b"<html>502 Bad Gateway</html>", status=502, content_type="text/html")
    html = editor_client.post(ADD_URL, lookup_post(lookup="10.1000/down")).content.decode()
    assert "Crossref answered with an error (HTTP 502); try again later or fill the fields by hand." in html
    assert_form_kept(html)


def test_something_that_is_neither_a_doi_nor_a_pmid(editor_client, standin):
    html = editor_client.post(ADD_URL, lookup_post(lookup="not an identifier")).content.decode()
    assert "“not an identifier” is neither a DOI (10.1234/suffix) nor a PubMed ID (digits)." in html
    assert_form_kept(html)
    assert standin.requests == []


def test_a_service_address_that_is_not_http_is_never_opened(settings):
    settings.CROSSREF_API_URL = "file:///etc"
    with pytest.raises(ServiceUnreachable, match="its address in the settings is not an http"):
        fetch_work("10.1000/x")


def test_unknown_doi_raises_record_not_found(standin):
    with pytest.raises(RecordNotFound, match="Crossref has no record of DOI 10.1000/none."):
        fetch_work("10.1000/none")
