"""The reference library in the admin."""

import re

from django.urls import reverse
from reversion.models import Version

from references.models import Reference
from tests.factories import make_article, make_reference

LIST_URL = reverse("admin:references_reference_changelist")


def test_changelist_shows_the_columns_and_citing_article_count(editor_client):
    make_reference("shared", title="A much cited guideline " + "x" * 120, evidence="guideline",
                   doi="10.1000/shared", pmid="4242", issued_year=2021)
    make_reference("unused")
    make_article("one", summary="A [@shared].")
    make_article("two", summary="B [@shared].", title_zh_hans="问？", summary_zh_hans="答 [@shared]。")
    response = editor_client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    counts = {ref.key: ref.citing_article_count for ref in response.context["cl"].result_list}
    assert counts == {"shared": 2, "unused": 0}
    assert "10.1000/shared" in html
    assert "4242" in html
    assert "Guideline" in html
    assert "2021" in html
    short = re.search(r'<td class="field-short_title">(.*?)</td>', html).group(1)
    assert len(short) <= 80 and short.endswith("…")


def test_search_by_doi_pmid_key_and_title(editor_client):
    make_reference("alpha", title="Alpha trial", doi="10.1000/alpha", pmid="1001")
    make_reference("beta", title="Beta review", doi="10.1000/beta", pmid="2002")
    for query, expected in (("10.1000/beta", ["beta"]), ("1001", ["alpha"]), ("Beta rev", ["beta"]), ("alp", ["alpha"])):
        response = editor_client.get(LIST_URL, {"q": query})
        assert [r.key for r in response.context["cl"].result_list] == expected, query


def test_filters_by_evidence_and_retraction(editor_client):
    make_reference("gone", retracted=True)
    make_reference("fine", evidence="guideline")
    response = editor_client.get(LIST_URL, {"retracted__exact": "1"})
    assert [r.key for r in response.context["cl"].result_list] == ["gone"]
    response = editor_client.get(LIST_URL, {"evidence__exact": "guideline"})
    assert [r.key for r in response.context["cl"].result_list] == ["fine"]


def test_adding_a_reference_records_a_version(editor_client):
    response = editor_client.post(
        reverse("admin:references_reference_add"),
        {
            "key": "new-ref",
            "csl_type": "article-journal",
            "evidence": "rct",
            "title": "A new randomised trial",
            "authors": "[]",
            "container_title": "",
            "publisher": "",
            "issued_year": "2024",
            "issued_month": "",
            "issued_day": "",
            "volume": "",
            "issue": "",
            "pages": "",
            "doi": "https://doi.org/10.1000/new",
            "pmid": "",
            "url": "",
            "csl_extra": "{}",
        },
    )
    assert response.status_code == 302
    ref = Reference.objects.get(key="new-ref")
    assert ref.doi == "10.1000/new"  # the model's clean() normalises the pasted DOI
    assert Version.objects.get_for_object(ref).count() == 1


def test_board_member_can_view_but_not_change(client, board_member):
    ref = make_reference("viewable")
    client.force_login(board_member)
    assert client.get(LIST_URL).status_code == 200
    response = client.post(reverse("admin:references_reference_change", args=[ref.pk]), {"key": "changed"})
    assert response.status_code == 403


def test_search_by_author_with_or_without_accents_in_the_list_and_the_picker(editor_client):
    from articles.editing.workbench import search_library

    make_reference("wandel-2010", title="Effects of glucosamine", issued_year=2010,
                   authors=[{"family": "Wandel", "given": "Simon"}, {"family": "Jüni", "given": "Peter"}])
    make_reference("other", title="Something else", authors=[{"family": "Reda", "given": "Ana"}])
    for query, expected in (("Jüni", ["wandel-2010"]), ("jüni 2010", ["wandel-2010"]), ("Reda", ["other"])):
        response = editor_client.get(LIST_URL, {"q": query})
        assert [r.key for r in response.context["cl"].result_list] == expected, query
        assert [entry["key"] for entry in search_library(query)] == expected, query
