"""Search relevance: for each query of the relevance set the reader sees the expected article
first (English and Chinese, on SQLite and on PostgreSQL), and never the draft."""

import re

import pytest

from tests.articles.search_relevance import DRAFT_SLUG, QUERIES, build_library

RESULT_LINK = re.compile(r'<h2 class="search-result__title"><a href="/[a-z-]+/articles/([a-z0-9-]+)/"')


def result_slugs(client, lang, query):
    response = client.get(f"/{lang}/search/", {"q": query})
    assert response.status_code == 200
    return RESULT_LINK.findall(response.content.decode())


@pytest.mark.django_db
def test_expected_article_comes_first_for_every_query_and_drafts_never_appear(client):
    build_library()
    misses = []
    for lang, query, expected in QUERIES:
        slugs = result_slugs(client, lang, query)
        assert DRAFT_SLUG not in slugs, query
        if not slugs or slugs[0] != expected:
            misses.append(f"{lang} {query!r}: expected {expected}, got {slugs[:3]}")
    assert not misses, "\n".join(misses)
    assert len(QUERIES) >= 30
    assert {lang for lang, _q, _e in QUERIES} == {"en", "zh-hans"}
