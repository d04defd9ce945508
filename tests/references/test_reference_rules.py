import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from references.models import Reference
from tests.factories import make_reference


def test_malformed_doi_is_rejected_with_a_clear_message(db):
    ref = Reference(key="x", title="T", doi="not-a-doi")
    with pytest.raises(ValidationError) as excinfo:
        ref.full_clean(validate_unique=False, validate_constraints=False)
    assert "is not a DOI" in str(excinfo.value.message_dict["doi"])


def test_malformed_pmid_is_rejected(db):
    ref = Reference(key="x", title="T", pmid="12ab")
    with pytest.raises(ValidationError) as excinfo:
        ref.full_clean(validate_unique=False, validate_constraints=False)
    assert "PubMed ID" in str(excinfo.value.message_dict["pmid"])


def test_pasted_doi_resolver_prefix_is_stripped(db):
    ref = Reference(key="x", title="T", doi="https://doi.org/10.1002/acr.24131")
    ref.full_clean()
    assert ref.doi == "10.1002/acr.24131"


def test_citation_key_with_spaces_is_rejected(db):
    ref = Reference(key="two words", title="T")
    with pytest.raises(ValidationError) as excinfo:
        ref.full_clean(validate_unique=False, validate_constraints=False)
    assert "key" in excinfo.value.message_dict


def test_same_doi_in_other_case_is_a_database_error(db):
    make_reference(doi="10.1002/ACR.24131")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_reference(doi="10.1002/acr.24131")


def test_same_pmid_twice_is_a_database_error(db):
    make_reference(pmid="31908149")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_reference(pmid="31908149")


def test_many_references_may_have_no_doi_or_pmid(db):
    make_reference(doi="", pmid="")
    make_reference(doi="", pmid="")
    assert Reference.objects.count() == 2


def test_form_validation_names_the_reference_already_using_a_doi(db):
    make_reference(key="first", doi="10.1000/abc")
    ref = Reference(key="second", title="T", doi="10.1000/ABC")
    with pytest.raises(ValidationError) as excinfo:
        ref.full_clean()
    assert "first" in str(excinfo.value.message_dict["doi"])


def test_reference_links_to_doi_and_pubmed():
    ref = Reference(key="k", title="T", doi="10.1000/abc", pmid="123")
    assert ref.doi_url == "https://doi.org/10.1000/abc"
    assert ref.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/123/"
