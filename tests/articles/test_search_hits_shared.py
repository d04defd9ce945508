"""A query's ranked hits are found once per content version, for every page of its results
and every query string with the same words: paging reads no ranking again, another wording of
the same query neither, and any change of the articles is searched afresh. So is the list of results a page shows:
another wording of the same words builds it no second time."""

import time

import pytest

from tests.articles.search_helpers import search_page
from tests.factories import make_article


def search(client, lang="en", **params):
    """(whether the search documents were read, the slugs listed, the page's HTML)."""
    sqls, slugs, html = search_page(client, lang, **params)
    return any('"articles_articlesearch"' in sql for sql in sqls), slugs, html


@pytest.fixture
def sleep_articles(db):
    for i in range(25):
        make_article(f"sleep-{i:02d}", title=f"Does {'good ' * (i % 5)}sleep help, question {i}?",
                     summary="Sleep well.")


def test_the_second_page_reuses_the_ranked_list_of_the_first(client, sleep_articles):
    ranked, first, _html = search(client, q="sleep")
    assert ranked and len(first) == 20
    ranked, second, html = search(client, q="sleep", page=2)
    assert not ranked
    assert len(second) == 5 and not set(first) & set(second)
    assert "25 articles found for “sleep”." in html and "Page 2 of 2" in html


def test_another_wording_of_the_same_words_reuses_the_ranked_list(client, sleep_articles):
    _ranked, first, _html = search(client, q="sleep")
    ranked, again, html = search(client, q="  Sleep?! ", utm_source="newsletter")
    assert not ranked
    assert again == first
    assert "<mark>Sleep</mark>" in html


def test_another_wording_of_the_same_words_reads_no_article_again(client, sleep_articles):
    _ranked, first, first_html = search(client, q="sleep")
    sqls, again, html = search_page(client, "en", q="SLEEP", ref="mail")
    assert not any('"articles_article"' in sql for sql in sqls)
    assert again == first
    assert 'value="SLEEP"' in html and "25 articles found for “SLEEP”." in html
    assert 'href="/en/search/?page=2&amp;q=SLEEP&amp;ref=mail"' in html


def test_a_new_article_is_searched_afresh_and_listed(client, sleep_articles):
    search(client, q="sleep")
    make_article("sleep-new", title="Can sleep be trained?", summary="Sleep can be learned.")
    ranked, slugs, html = search(client, q="sleep", page=2)
    assert ranked
    assert "26 articles found for “sleep”." in html
    _ranked, first, _html = search(client, q="sleep")
    assert "sleep-new" in first + slugs


def test_an_unpublished_article_leaves_the_reused_list_at_once(client, sleep_articles):
    _ranked, first, _html = search(client, q="sleep")
    from articles.models import Article

    gone = Article.objects.get(slug=first[0])
    gone.status = "draft"
    gone.save()
    ranked, slugs, html = search(client, q="sleep", page=2)
    assert ranked
    _ranked, again, _html = search(client, q="sleep")
    assert gone.slug not in again + slugs
    assert "24 articles found for “sleep”." in html


def test_each_language_has_its_own_ranked_list(client, db):
    make_article("both", title="Aspirin for pain?", summary="Aspirin helps.",
                 title_zh_hans="阿司匹林（aspirin）止痛吗？", summary_zh_hans="aspirin 有帮助。")
    make_article("english-only", title="Is aspirin safe?", summary="Aspirin is safe for most.")
    _ranked, _slugs, english = search(client, lang="en", q="aspirin")
    ranked, _slugs, chinese = search(client, lang="zh-hans", q="aspirin")
    assert ranked
    assert 'lang="zh-hans">阿司匹林（<mark>aspirin</mark>）止痛吗？' in chinese
    assert "阿司匹林" not in english


def test_staff_searches_are_ranked_every_time(editor_client, sleep_articles):
    ranked, _first, _html = search(editor_client, q="sleep")
    assert ranked
    ranked, _second, _html = search(editor_client, q="sleep", page=2)
    assert ranked


def test_the_ranked_list_is_kept_no_longer_than_a_search_page(client, sleep_articles, settings):
    settings.SEARCH_RESPONSE_CACHE_SECONDS = 1
    search(client, q="sleep")
    ranked, _second, _html = search(client, q="sleep", page=2)
    assert not ranked
    time.sleep(1.1)
    ranked, second, _html = search(client, q="sleep", page=2)
    assert ranked and len(second) == 5
