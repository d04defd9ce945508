"""Helpers of the search tests: a results page, the queries it ran and the articles it lists."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

# The glossary and the topics are read once per content version and worker (response_cache
# memoized): query counts leave them out.
MEMOIZED = re.compile(r'FROM "articles_(glossaryterm|topic)"')
RESULT_SLUG = re.compile(r'search-result__title"><a href="/[a-z-]+/articles/([a-z0-9-]+)/"')


def search_page(client, lang="en", **params):
    """(the SQL of each query the page ran, the slugs it lists in order, its HTML)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/{lang}/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    return [q["sql"] for q in captured.captured_queries], RESULT_SLUG.findall(html), html


def counted(sqls):
    """How many of these queries count: those not memoized per content version."""
    return sum(1 for sql in sqls if not MEMOIZED.search(sql))
