"""Search results are ranked, kept one per article and cut in the database: the same queries
whatever the number of matching articles or the page asked for, the same order page by page
as in one list; beyond SEARCH_MAX_RESULTS articles the page says "more than" and lists the
best ranked of the newest."""

import pytest

from articles.search.query import find, parse_query
from tests.articles.search_helpers import counted, search_page
from tests.factories import make_article, make_topic


def search(client, lang="en", **params):
    sqls, slugs, html = search_page(client, lang, **params)
    return counted(sqls), slugs, html


def make_sleep_articles(start, count, topics):
    for i in range(start, start + count):
        # Longer titles rank lower: the order is by rank, not by creation.
        make_article(f"sleep-{i:02d}", title=f"Does {'good ' * (i % 7)}sleep help question {i}?",
                     summary="Sleep well.", topics=topics)


@pytest.mark.django_db
def test_queries_stay_the_same_from_3_to_30_matching_articles_on_every_page(client):
    topics = [make_topic()]
    make_sleep_articles(0, 3, topics)
    few, slugs, _html = search(client, q="sleep")
    assert len(slugs) == 3
    make_sleep_articles(3, 27, topics)
    many, first, _html = search(client, q="sleep")
    second_queries, second, html = search(client, q="sleep", page=2)
    assert few == many == second_queries + 1  # page 2 reuses page 1's ranked list
    assert len(first) == 20 and len(second) == 10
    assert "30 articles found for “sleep”." in html and "Page 2 of 2" in html


@pytest.mark.django_db
def test_pages_follow_one_another_as_the_whole_ranked_list(client):
    make_sleep_articles(0, 30, [])
    whole = [hit.article_id for hit in find(parse_query("sleep", []), "en")]
    _queries, first, _html = search(client, q="sleep")
    _queries, second, _html = search(client, q="sleep", page=2)
    from articles.models import Article

    slugs = dict(Article.objects.values_list("pk", "slug"))
    assert first + second == [slugs[pk] for pk in whole]
    assert len(set(whole)) == 30


@pytest.mark.django_db
def test_an_article_in_both_languages_is_listed_once_in_the_readers_language(client):
    for i in range(25):
        make_article(f"aspirin-{i:02d}", title=f"Aspirin question {i}?", summary="Aspirin helps.",
                     title_zh_hans=f"阿司匹林（aspirin）问题{i}？", summary_zh_hans="aspirin 有帮助。")
    _queries, first, _html = search(client, lang="zh-hans", q="aspirin")
    _queries, second, html = search(client, lang="zh-hans", q="aspirin", page=2)
    assert sorted(first + second) == [f"aspirin-{i:02d}" for i in range(25)]
    assert "In another language" not in html


@pytest.mark.django_db
def test_beyond_the_maximum_the_page_says_more_than_and_lists_that_many(client, settings):
    settings.SEARCH_MAX_RESULTS = 5
    make_sleep_articles(0, 8, [])
    _queries, slugs, html = search(client, q="sleep")
    assert "More than 5 articles found for “sleep”." in html
    assert len(slugs) == 5
    assert "Page 1 of" not in html  # one page: no pagination
    _queries, slugs, _html = search(client, q="sleep", page=3)
    assert len(slugs) == 5  # a page past the last shows the last


@pytest.mark.django_db
def test_when_many_match_the_best_ranked_of_the_newest_are_listed(client, settings):
    make_article("old-best", title="Sleep, sleep, sleep?", summary="Sleep, sleep.", body="Sleep.",
                 topics=[make_topic(name_en="Sleep")])
    make_sleep_articles(0, 8, [])
    settings.SEARCH_MAX_RESULTS = 20
    _queries, slugs, _html = search(client, q="sleep")
    assert slugs[0] == "old-best"
    settings.SEARCH_MAX_RESULTS = 3
    _queries, slugs, html = search(client, q="sleep")
    assert "More than 3 articles found" in html
    assert "old-best" not in slugs and len(slugs) == 3


@pytest.mark.django_db
def test_at_the_maximum_exactly_the_count_is_exact(client, settings):
    settings.SEARCH_MAX_RESULTS = 5
    make_sleep_articles(0, 5, [])
    _queries, slugs, html = search(client, q="sleep")
    assert "5 articles found for “sleep”." in html and "More than" not in html
    assert len(slugs) == 5


@pytest.mark.django_db
def test_drafts_among_the_newest_matches_are_neither_listed_nor_counted(client, settings):
    settings.SEARCH_MAX_RESULTS = 3
    make_sleep_articles(0, 2, [])
    for i in range(4):
        make_article(f"draft-{i}", title=f"Sleep draft {i}?", summary="Sleep.", status="draft")
    _queries, slugs, html = search(client, q="sleep")
    assert sorted(slugs) == ["sleep-00", "sleep-01"]
    assert "2 articles found for “sleep”." in html and "More than" not in html
