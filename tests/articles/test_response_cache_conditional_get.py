"""A reader (or a proxy) that has the page already gets 304 Not Modified, until the page changes."""

import pytest

from tests.articles.response_cache_helpers import cached_now, fetch
from tests.factories import make_article

URL = "/en/articles/knee/"


@pytest.fixture
def article(db):
    return make_article("knee", title="Do cells help knees?", body="First words.")


def test_a_matching_etag_gets_304_without_a_body(client, article):
    cached_now(client, URL)
    etag = fetch(client, URL)[0]["ETag"]
    response = client.get(URL, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_page_built_again_unchanged_keeps_its_etag(client, article):
    etag = fetch(client, URL)[0]["ETag"]
    article.save()  # a new content version: the page is built again, and is the same
    response = fetch(client, URL)[0]
    assert response["X-Response-Cache"] == "miss" and response["ETag"] == etag
    assert client.get(URL, headers={"if-none-match": etag}).status_code == 304


def test_if_modified_since_gets_304(client, article):
    cached_now(client, URL)
    last_modified = fetch(client, URL)[0]["Last-Modified"]
    response = client.get(URL, headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_after_a_change_the_old_etag_gets_the_new_page(client, article):
    cached_now(client, URL)
    etag = fetch(client, URL)[0]["ETag"]
    article.body_en = "Second words."
    article.save()
    response = client.get(URL, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Second words." in response.content.decode()
    assert response["ETag"] != etag
