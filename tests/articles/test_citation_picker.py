"""The citation picker's search of the reference library."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_reference

SEARCH = reverse("admin:articles_article_reference_search")


@pytest.fixture
def library(db):
    make_reference("smith2024", title="Stem cells for knee osteoarthritis", doi="10.1000/knee.1", pmid="12345678",
                   issued_year=2024, authors=[{"family": "Smith", "given": "Anna"}])
    make_reference("lee2019", title="Exercise therapy for back pain", issued_year=2019,
                   authors=[{"family": "Lee", "given": "Min"}, {"family": "Wang", "given": "Li"}])
    make_reference("who-2020", title="Guideline on physical activity", issued_year=2020,
                   authors=[{"literal": "World Health Organization"}])


def keys(client, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return [item["key"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("osteoarthritis", ["smith2024"]),
        ("WANG", ["lee2019"]),
        ("world health", ["who-2020"]),
        ("2019", ["lee2019"]),
        ("10.1000/knee.1", ["smith2024"]),
        ("12345678", ["smith2024"]),
        ("smith knee 2024", ["smith2024"]),
        ("smith back", []),
    ],
)
def test_search_finds_a_source_by_title_author_year_doi_or_pmid(editor_client, library, query, expected):
    assert keys(editor_client, query) == expected


def test_a_result_says_what_the_editor_needs_to_choose(editor_client, library):
    [item] = editor_client.get(SEARCH, {"q": "lee"}).json()["results"]
    assert item == {
        "key": "lee2019", "title": "Exercise therapy for back pain", "authors": "Lee, Wang", "year": 2019,
        "doi": "", "pmid": "", "retracted": False,
    }


def test_a_result_with_an_incomplete_author_list_says_et_al(editor_client, db):
    make_reference("jo2014", title="A proof-of-concept trial", authors_incomplete=True,
                   authors=[{"family": "Jo", "given": "Chris"}, {"family": "Lee", "given": "Young Gil"}])
    [item] = editor_client.get(SEARCH, {"q": "proof-of-concept"}).json()["results"]
    assert item["authors"] == "Jo, Lee et al."


def test_empty_query_finds_nothing(editor_client, library):
    assert keys(editor_client, "  ") == []


def test_at_most_twenty_results_in_constant_queries(editor_client, db):
    for n in range(25):
        make_reference(f"trial-{n}", title=f"Knee trial {n}")
    with CaptureQueriesContext(connection) as few:
        editor_client.get(SEARCH, {"q": "knee"})
    for n in range(25, 60):
        make_reference(f"trial-{n}", title=f"Knee trial {n}")
    with CaptureQueriesContext(connection) as many:
        assert len(keys(editor_client, "knee")) == 20
    assert len(many) == len(few)
