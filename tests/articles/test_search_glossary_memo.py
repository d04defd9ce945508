"""A new search reads the glossary once per content version, not once per search; a glossary
term added or changed is used by the very next search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article


def glossary_reads(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    reads = sum('FROM "articles_glossaryterm"' in q["sql"] for q in queries.captured_queries)
    return reads, response.content.decode()


@pytest.fixture
def ppi(db):
    from articles.models import GlossaryTerm

    make_article("ppi", title="Can I take a proton pump inhibitor for years?", summary="Often yes.")
    return GlossaryTerm.objects.create(term_en="proton pump inhibitor", synonyms_en="PPI", lay_explanation_en="acid pill")


def test_new_searches_read_the_glossary_once_per_content_version(client, ppi):
    client.get("/en/search/?q=warm+up")
    reads, html = glossary_reads(client, "/en/search/?q=PPI")
    assert reads == 0
    assert 'href="/en/articles/ppi/"' in html


def test_a_synonym_added_to_the_glossary_is_used_by_the_next_search(client, ppi):
    assert 'href="/en/articles/ppi/"' not in client.get("/en/search/?q=acid+blocker").content.decode()
    ppi.synonyms_en = "PPI\nacid blocker"
    ppi.save()
    reads, html = glossary_reads(client, "/en/search/?q=acid+blocker")
    assert reads == 1
    assert 'href="/en/articles/ppi/"' in html
