"""Search results pages come from the response cache on a repeat, for a short while, and
show a change of the articles at once."""

import pytest
from django.test import override_settings

from tests.articles.response_cache_helpers import cached_now, fetch
from tests.factories import make_article

URL = "/en/search/?q=knee"


@pytest.fixture
def article(db):
    return make_article("knee", title="Do cells help a knee?", summary="Perhaps a little.")


def test_a_repeated_search_is_served_from_the_cache(client, article):
    html = cached_now(client, URL)
    assert 'href="/en/articles/knee/"' in html


def test_a_new_article_shows_in_a_cached_search_at_once(client, article):
    cached_now(client, URL)
    make_article("knee-brace", title="Does a brace help a knee?", summary="Sometimes.")
    response, html = fetch(client, URL)
    assert response["X-Response-Cache"] == "miss"
    assert 'href="/en/articles/knee-brace/"' in html


def test_an_unpublished_article_leaves_a_cached_search_at_once(client, article):
    cached_now(client, URL)
    article.status = "draft"
    article.save()
    assert 'href="/en/articles/knee/"' not in fetch(client, URL)[1]


def test_each_query_is_its_own_page(client, article):
    cached_now(client, URL)
    response, html = fetch(client, "/en/search/?q=elbow")
    assert response["X-Response-Cache"] == "miss"
    assert 'href="/en/articles/knee/"' not in html


@override_settings(SEARCH_RESPONSE_CACHE_SECONDS=0)
def test_search_pages_are_not_kept_when_their_lifetime_is_zero(client, article):
    client.get(URL)
    response, html = fetch(client, URL)
    assert "X-Response-Cache" not in response
    assert 'href="/en/articles/knee/"' in html
