"""A source cited by many articles is read from the library once per content version in a
worker, whichever article's page needs it first; a source added or edited since shows at once;
and the number of sources a worker keeps is bounded."""

import uuid

import pytest

from articles.public import page as pages
from articles.public import response_cache
from tests.articles.response_cache_helpers import fetch
from tests.factories import make_reference


@pytest.fixture
def lookups(monkeypatch):
    """The keys each library query asked for (the real query does the work)."""
    asked = []
    real = pages._library_lookup

    def recording(keys):
        asked.append(sorted(keys))
        return real(keys)

    monkeypatch.setattr(pages, "_library_lookup", recording)
    return asked


def test_the_second_article_reads_only_the_source_not_read_yet(client, two_articles_citing_one_source, lookups):
    first = fetch(client, "/en/articles/knee-exercise/")[1]
    second = fetch(client, "/zh-hans/articles/knee-walking/")[1]
    assert "Exercise for knee pain" in first
    assert "Exercise for knee pain" in second
    assert "Walking programmes for osteoarthritis" in second
    assert lookups == [["lee-2021"], ["kim-2019"]]


def test_an_edited_source_is_read_again_and_shown(client, two_articles_citing_one_source, lookups):
    from references.models import Reference

    fetch(client, "/en/articles/knee-exercise/")
    source = Reference.objects.get(key="lee-2021")
    source.title = "Strength training for knee osteoarthritis"
    source.save()
    html = fetch(client, "/en/articles/knee-walking/")[1]
    assert "Strength training for knee osteoarthritis" in html
    assert "Exercise for knee pain" not in html
    assert lookups == [["lee-2021"], ["kim-2019", "lee-2021"]]


def test_a_key_missing_from_the_library_is_found_once_the_source_is_added(db):
    token = response_cache._request_version.set(response_cache.current_version())
    try:
        assert pages.cited_library(["chen-2024"]) == {}
    finally:
        response_cache._request_version.reset(token)
    make_reference("chen-2024", title="Knee braces in daily life")  # a new content version
    token = response_cache._request_version.set(response_cache.current_version())
    try:
        found = pages.cited_library(["chen-2024"])
    finally:
        response_cache._request_version.reset(token)
    assert found["chen-2024"].title == "Knee braces in daily life"


def test_beyond_the_limit_sources_are_read_every_time(client, two_articles_citing_one_source, lookups, monkeypatch):
    monkeypatch.setattr(pages, "REFERENCES_KEPT", 0)
    fetch(client, "/en/articles/knee-exercise/")
    fetch(client, "/en/articles/knee-walking/")
    assert lookups == [["lee-2021"], ["kim-2019", "lee-2021"]]


def test_memoized_many_keeps_at_most_the_limit_of_a_group():
    asked = []

    def upper(keys):
        asked.append(list(keys))
        return {key: key.upper() for key in keys}

    token = response_cache._request_version.set(uuid.uuid4().hex)  # a version no other test used
    try:
        assert response_cache.memoized_many("letters", ["a", "b", "c"], upper, limit=2) == {"a": "A", "b": "B", "c": "C"}
        assert response_cache.memoized_many("letters", ["a", "b", "c"], upper, limit=2) == {"a": "A", "b": "B", "c": "C"}
    finally:
        response_cache._request_version.reset(token)
    assert asked == [["a", "b", "c"], ["c"]]


def test_outside_reader_requests_every_key_is_read():
    asked = []

    def upper(keys):
        asked.append(list(keys))
        return {key: key.upper() for key in keys}

    response_cache.memoized_many("letters", ["a"], upper, limit=2)
    response_cache.memoized_many("letters", ["a"], upper, limit=2)
    assert asked == [["a"], ["a"]]
