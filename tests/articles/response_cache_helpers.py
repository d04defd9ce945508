"""Helpers of the response-cache tests: a page, and whether it came from the cache.

``X-Response-Cache`` (hit / miss) is what the cache says it did; the tests assert what the
reader sees (the text of the page) and use the header to show that a page WAS cached before
the change they make, so that seeing the change proves the cache let go of the old page."""

from django.core.cache import cache

from articles.public import response_cache


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.content.decode()


def cached_now(client, url):
    """Request ``url`` until it comes from the cache (the first visit with ?persona= also sets
    the persona cookie, which is part of the key: the third request is then a hit); its text."""
    client.get(url)
    client.get(url)
    response, html = fetch(client, url)
    assert response.status_code == 200
    assert response["X-Response-Cache"] == "hit", f"{url} was not served from the cache"
    return html


def stored_pages():
    """How many pages the (local memory) cache holds."""
    return sum(1 for key in cache._cache if f"{response_cache.KEY_PREFIX}:page:" in key)
