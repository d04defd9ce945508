"""PostgreSQL's substring stage looks at the newest documents first (trigram estimates are
too rough to let the planner choose): it finds the same articles, in the same order, as
cutting the newest matches of the whole table, whether the word is in most documents, in a
few old ones, or in between, and in a constant number of queries."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles.search import query as searching
from tests.factories import make_article

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's substring stage only")


def both_ways(word):
    concepts = searching.parse_query(word, [])
    condition, rank = searching._like_match(concepts, True)
    whole = searching._ranked("en", condition, rank)
    with CaptureQueriesContext(connection) as queries:
        windowed = searching._ranked("en", condition, rank, windowed=True)
    return whole, windowed, len(queries.captured_queries)


@pytest.fixture
def articles(db):
    # 40 articles, newest last: "zqx" in every one, "vrb" in the 3 oldest, "klm" in every 4th,
    # each inside a longer word (what full-text search does not find).
    for i in range(40):
        words = "azqxa" + (" avrba" if i < 3 else "") + (" aklma" if i % 4 == 0 else "")
        make_article(f"a-{i:02d}", title=f"Question {i} on {words}?", summary=f"Answer {i}.")


@override_settings(SEARCH_MAX_RESULTS=3)
@pytest.mark.parametrize("word", ["zqx", "vrb", "klm", "nothing-like-it"])
def test_the_newest_first_finds_what_the_whole_table_finds(articles, word):
    whole, windowed, queries = both_ways(word)
    assert [h.article_id for h in windowed] == [h.article_id for h in whole]
    assert windowed.more == whole.more
    assert queries == 2


@pytest.mark.parametrize("count", [5, 12])
@pytest.mark.parametrize("word", ["zqx", "vrb", "klm", "nothing-like-it"])
def test_the_candidates_are_the_newest_matching_documents(articles, word, count):
    from articles.models import ArticleSearch

    condition, _rank = searching._like_match(searching.parse_query(word, []), True)
    expected = ArticleSearch.objects.filter(condition).order_by("-article_id", "-language")
    sql, params = searching._newest_windowed(condition, [], count)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.fetchall() == list(expected.values_list("article_id", "language")[:count])


@override_settings(SEARCH_MAX_RESULTS=3)
def test_a_word_only_in_old_articles_is_found_in_them(articles, client):
    html = client.get("/en/search/", {"q": "vrb"}).content.decode()
    assert "3 articles found" in html
    for i in range(3):
        assert f'href="/en/articles/a-{i:02d}/"' in html
