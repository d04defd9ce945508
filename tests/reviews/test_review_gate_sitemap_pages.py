"""Under REVIEW_GATE=approval a site bigger than one sitemap (the limit lowered here) lists, on
every page of its index, only the language versions readers are shown: the approved ones."""

import pytest

from articles.public.sitemaps import ArticleSitemap
from reviews.workflow import rules as workflow
from tests.articles.sitemap_helpers import index_entries, page_urls
from tests.list_queries import list_page
from tests.reviews.conftest import make_article_with_history, save_as

BOTH = {"title_zh_hans": "休息有用吗？", "summary_zh_hans": "有用，休息两天。"}


def approved_in_english(editor, reviewer, slug):
    article = make_article_with_history(editor, slug=slug, title="Does rest help?", summary="Yes, rest for two days.", **BOTH)
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    return article


@pytest.fixture
def pages(client, editor, reviewer, settings, monkeypatch):
    """Two articles a page: "a-approved" and "b-never" on the first, "gate" on the second."""
    settings.REVIEW_GATE = "approval"
    monkeypatch.setattr(ArticleSitemap, "limit", 4)
    approved_in_english(editor, reviewer, "a-approved")
    make_article_with_history(editor, slug="b-never", title="Never approved?", summary="No.", **BOTH)
    gate = approved_in_english(editor, reviewer, "gate")
    save_as(editor, gate, summary_en="Yes, rest for a fortnight.")
    addresses = [address for address in index_entries(client) if "articles" in address]
    return [dict(page_urls(client, address)) for address in addresses]


def test_the_second_page_lists_only_the_approved_language_version(pages):
    assert len(pages) == 2
    second = pages[1]
    assert list(second) == ["http://testserver/en/articles/gate/"]
    assert second["http://testserver/en/articles/gate/"] == {
        "en": "http://testserver/en/articles/gate/",
        "x-default": "http://testserver/articles/gate/",
    }


def test_no_page_lists_a_version_never_approved(pages):
    listed = {loc for page in pages for loc in page}
    assert listed == {"http://testserver/en/articles/a-approved/", "http://testserver/en/articles/gate/"}


def test_a_page_reads_which_versions_are_approved_not_their_texts(client, pages):
    _count, response, sql = list_page(client, "/sitemap-articles.xml?p=2")
    assert b"/en/articles/gate/" in response.content
    assert any("reversion_version" in statement for statement in sql)
    assert not any("serialized_data" in statement for statement in sql)


def test_a_page_costs_the_same_queries_for_3_and_30_approved_articles(client, editor, reviewer, settings):
    settings.REVIEW_GATE = "approval"
    for i in range(3):
        approved_in_english(editor, reviewer, f"few-{i:02}")
    few, _response, _sql = list_page(client, "/sitemap-articles.xml")
    for i in range(27):
        approved_in_english(editor, reviewer, f"more-{i:02}")
    many, response, _sql = list_page(client, "/sitemap-articles.xml")
    assert b"/en/articles/more-26/" in response.content
    assert b"/zh-hans/articles/more-26/" not in response.content
    assert many == few
