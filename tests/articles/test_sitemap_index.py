"""More articles than one sitemap holds (Sitemap.limit URLs, lowered here): /sitemap.xml is an
index of the sections' pages, and together they list every language version readers may see
exactly once, each page within the limit."""

from collections import Counter

import pytest

from articles.public.sitemaps import ArticleSitemap
from tests.articles.sitemap_helpers import index_entries, page_urls
from tests.factories import make_article, make_topic

BOTH = {"title_zh_hans": "问题？", "summary_zh_hans": "回答。"}


@pytest.fixture
def site(db, monkeypatch):
    """Five published articles: two URLs a page with two languages, so three pages."""
    monkeypatch.setattr(ArticleSitemap, "limit", 4)
    make_article("a-both", topics=[make_topic("knees")], **BOTH)
    make_article("b-english")
    make_article("c-chinese", lang="zh-hans", title="只有中文？", summary="是。")
    make_article("d-both", **BOTH)
    make_article("e-both", **BOTH)
    make_article("f-draft", status="draft")


def expected_articles():
    return {
        f"http://testserver/{lang}/articles/{slug}/"
        for slug, languages in {
            "a-both": ("en", "zh-hans"), "b-english": ("en",), "c-chinese": ("zh-hans",),
            "d-both": ("en", "zh-hans"), "e-both": ("en", "zh-hans"),
        }.items()
        for lang in languages
    }


def test_sitemap_is_an_index_of_every_page_of_every_section(client, site):
    assert index_entries(client) == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
        "http://testserver/sitemap-topics.xml",
        "http://testserver/sitemap-pages.xml",
    ]


def test_the_pages_list_every_visible_language_version_exactly_once(client, site):
    urls = [url for address in index_entries(client) for url in page_urls(client, address)]
    counts = Counter(loc for loc, _alternates in urls)
    assert max(counts.values()) == 1
    articles = {loc for loc in counts if "/articles/" in loc and not loc.endswith("/articles/")}
    assert articles == expected_articles()
    assert {"http://testserver/en/topics/knees/", "http://testserver/zh-hans/editorial-policy/"} <= set(counts)


def test_each_page_keeps_within_the_limit_and_an_articles_versions_together(client, site):
    pages = [page_urls(client, address) for address in index_entries(client) if "articles" in address]
    assert [len(urls) for urls in pages] == [3, 3, 2]
    second = dict(pages[1])
    assert second["http://testserver/zh-hans/articles/d-both/"] == {
        "en": "http://testserver/en/articles/d-both/",
        "zh-hans": "http://testserver/zh-hans/articles/d-both/",
        "x-default": "http://testserver/articles/d-both/",
    }


def test_a_page_past_the_last_is_not_found(client, site):
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_site_within_the_limit_gets_the_urlset(client, db, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 4)
    make_article("a-both", **BOTH)
    make_article("b-english")
    assert index_entries(client) is None
