"""A sitemap page costs the same number of queries for 3 articles as for 30, and loads no
article text (it reads whether each language has a title and key answer, in SQL)."""

import pytest

from articles.public.sitemaps import ArticleSitemap
from tests.factories import make_article
from tests.list_queries import list_page, long_text_columns_in

LONG = "A long body paragraph. " * 200


def articles(n, prefix="article"):
    """n published articles in both languages, with long bodies."""
    for i in range(n):
        make_article(f"{prefix}-{i:02}", body=LONG, title_zh_hans="问题？", summary_zh_hans="回答。", body_zh_hans=LONG)


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-articles.xml"])
def test_one_sitemap_page_costs_the_same_queries_for_3_and_30_articles(client, db, url):
    articles(3)
    few, response, _sql = list_page(client, url)
    assert b"/zh-hans/articles/article-02/" in response.content
    articles(27, prefix="more")
    many, response, _sql = list_page(client, url)
    assert b"/en/articles/more-26/" in response.content
    assert many == few


def test_a_page_of_a_larger_site_costs_the_same_as_the_first_and_the_index(client, db, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 6)  # three articles a page
    articles(3)
    first, _response, _sql = list_page(client, "/sitemap-articles.xml")
    index_of_few, _response, _sql = list_page(client, "/sitemap.xml")
    articles(27, prefix="more")
    last, response, _sql = list_page(client, "/sitemap-articles.xml?p=10")
    assert b"/zh-hans/articles/more-26/" in response.content
    assert last == first
    index_of_many, response, _sql = list_page(client, "/sitemap.xml")
    assert b"sitemap-articles.xml?p=10" in response.content
    assert index_of_many <= index_of_few


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-articles.xml"])
def test_sitemap_loads_no_article_text(client, db, url):
    articles(3)
    _count, response, sql = list_page(client, url)
    assert b"/zh-hans/articles/article-02/" in response.content
    assert long_text_columns_in(sql) == set()
