"""Shared by the query tests of the article page: what a page built again costs."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.public import response_cache


def rebuilt_page_queries(client, url):
    """SQL of every query of the article page ``url`` built again after a change elsewhere on
    the site (a new content version): its render and its related list kept by a first reader,
    nothing of the previous version reused (the article's data, the personas, the glossary:
    read again, once per version)."""
    client.get(f"{url}{'&' if '?' in url else '?'}first=1")  # the first reader renders and ranks
    response_cache.bump()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200 and response["X-Response-Cache"] == "miss"
    return [query["sql"] for query in captured.captured_queries]


def page_queries(client, url):
    """SQL of every query of the article page ``url`` as a response-cache miss, read in the
    same content version as the pages asked for before."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200 and response["X-Response-Cache"] == "miss"
    return [query["sql"] for query in captured.captured_queries]
