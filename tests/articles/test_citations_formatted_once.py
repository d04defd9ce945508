"""A source cited by many articles is formatted once per page language in a worker, whichever
article's page needs it first, for as long as it is unchanged (an edit elsewhere on the site
does not format it again); an edit of the source shows on every page that cites it at once;
and the number of formatted sources a worker keeps is bounded."""

import uuid

import pytest

from articles.public import page as pages
from articles.public import response_cache
from tests.articles.response_cache_helpers import fetch


@pytest.fixture
def formatting(monkeypatch):
    """The keys of the sources formatted (the real formatter does the work)."""
    formatted = []
    real = pages.vancouver_html

    def counting(reference):
        formatted.append(reference.key)
        return real(reference)

    monkeypatch.setattr(pages, "vancouver_html", counting)
    return formatted


def test_a_source_cited_by_two_articles_is_formatted_once(client, two_articles_citing_one_source, formatting):
    first = fetch(client, "/en/articles/knee-exercise/")[1]
    second = fetch(client, "/en/articles/knee-walking/")[1]
    assert "Exercise for knee pain" in first
    assert "Exercise for knee pain" in second
    assert "Walking programmes for osteoarthritis" in second
    assert formatting == ["lee-2021", "kim-2019"]


def test_each_page_language_formats_the_source_in_its_words(client, two_articles_citing_one_source, formatting):
    fetch(client, "/en/articles/knee-exercise/")
    html = fetch(client, "/zh-hans/articles/knee-walking/")[1]
    assert "Exercise for knee pain" in html
    assert sorted(formatting) == ["kim-2019", "lee-2021", "lee-2021"]


def test_an_edited_source_shows_on_the_next_article_citing_it(client, two_articles_citing_one_source):
    from references.models import Reference

    assert "Exercise for knee pain" in fetch(client, "/en/articles/knee-exercise/")[1]
    source = Reference.objects.get(key="lee-2021")
    source.title = "Strength training for knee osteoarthritis"
    source.save()
    html = fetch(client, "/en/articles/knee-walking/")[1]
    assert "Strength training for knee osteoarthritis" in html
    assert "Exercise for knee pain" not in html


def test_an_edit_elsewhere_formats_no_source_again(client, two_articles_citing_one_source, formatting):
    fetch(client, "/en/articles/knee-exercise/")
    response_cache.bump()  # any edit: every page is made again
    html = fetch(client, "/en/articles/knee-walking/")[1]
    assert "Exercise for knee pain" in html
    assert formatting == ["lee-2021", "kim-2019"]


def test_the_oldest_formatted_source_goes_first(client, two_articles_citing_one_source, formatting, monkeypatch):
    monkeypatch.setattr(pages, "CITATIONS_KEPT", 1)
    monkeypatch.setattr(pages, "_citations", {})
    fetch(client, "/en/articles/knee-walking/")
    assert formatting == ["kim-2019", "lee-2021"] and len(pages._citations) == 1  # kim-2019 went
    response_cache.bump()
    fetch(client, "/en/articles/knee-exercise/")  # lee-2021, kept
    assert formatting == ["kim-2019", "lee-2021"]
    response_cache.bump()
    fetch(client, "/en/articles/knee-walking/")  # kim-2019 again, which pushes lee-2021 out
    assert formatting == ["kim-2019", "lee-2021", "kim-2019", "lee-2021"]


def test_beyond_the_limit_sources_are_formatted_every_time(client, two_articles_citing_one_source, formatting,
                                                           monkeypatch):
    monkeypatch.setattr(pages, "CITATIONS_KEPT", 0)
    fetch(client, "/en/articles/knee-exercise/")
    fetch(client, "/en/articles/knee-walking/")
    assert sorted(formatting) == ["kim-2019", "lee-2021", "lee-2021"]


def test_memoized_keeps_at_most_the_limit_of_a_group():
    computed = []

    def value(name):
        computed.append(name)
        return name.upper()

    token = response_cache._request_version.set(uuid.uuid4().hex)  # a version no other test used
    try:
        for _round in range(2):
            for name in ("a", "b", "c"):
                assert response_cache.memoized(name, lambda name=name: value(name), group="letters", limit=2) == name.upper()
    finally:
        response_cache._request_version.reset(token)
    assert computed == ["a", "b", "c", "c"]
