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
    sql, params, _bounded = searching._newest_windowed(condition, [], count)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.fetchall() == list(expected.values_list("article_id", "language")[:count])


@override_settings(SEARCH_MAX_RESULTS=3)
def test_a_word_only_in_old_articles_is_found_in_them(articles, client):
    html = client.get("/en/search/", {"q": "vrb"}).content.decode()
    assert "3 articles found" in html
    for i in range(3):
        assert f'href="/en/articles/a-{i:02d}/"' in html


@override_settings(SEARCH_MAX_RESULTS=3)
@pytest.mark.parametrize(("documents", "listed"), [(100, 3), (20, 0)])
def test_a_substring_no_index_can_find_is_looked_for_among_the_newest_documents_only(
    articles, client, monkeypatch, documents, listed
):
    # "vr", two letters (no trigram), is only in the 3 oldest of the 40 documents.
    monkeypatch.setattr(searching, "UNINDEXED_DOCUMENTS", documents)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/search/", {"q": "vr"}).content.decode()
    assert sum('"articles_articlesearch"' in q["sql"] for q in queries.captured_queries) == 3
    if listed:
        assert "3 articles found" in html and 'href="/en/articles/a-00/"' in html
        assert BOUNDED_NOTE not in html  # every document was looked at
    else:
        assert "No published article matches these words." in html
        assert BOUNDED_NOTE in html  # the reader is told why the old articles are missing


BOUNDED_NOTE = "A search made only of words shorter than three characters looks in the newest articles only."


@override_settings(SEARCH_MAX_RESULTS=3)
def test_a_bounded_search_says_so_in_chinese_too(articles, client, monkeypatch):
    monkeypatch.setattr(searching, "UNINDEXED_DOCUMENTS", 20)
    html = client.get("/zh-hans/search/", {"q": "vr"}).content.decode()
    assert "只由不足三个字符的词语组成的搜索只在最新的文章中查找。" in html


@override_settings(SEARCH_MAX_RESULTS=3)
def test_a_search_with_a_longer_word_carries_no_bound_note(articles, client, monkeypatch):
    monkeypatch.setattr(searching, "UNINDEXED_DOCUMENTS", 20)
    html = client.get("/en/search/", {"q": "vr vrb"}).content.decode()
    assert "3 articles found" in html and BOUNDED_NOTE not in html


@override_settings(SEARCH_MAX_RESULTS=3)
def test_a_word_an_index_can_find_is_looked_for_in_every_document(articles, client, monkeypatch):
    monkeypatch.setattr(searching, "UNINDEXED_DOCUMENTS", 20)
    html = client.get("/en/search/", {"q": "vrb"}).content.decode()
    assert "3 articles found" in html


def test_which_queries_an_index_can_find():
    def indexed(query):
        return searching._indexed(searching.parse_query(query, []))

    assert indexed("vrb") and indexed("xq knee") and indexed("犬 骨关节炎")
    assert not indexed("xq") and not indexed("犬") and not indexed("xq 犬")
