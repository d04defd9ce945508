"""The admin's reference list: the same queries for 3 and 30 references, each row's number of
citing articles counted for that row only (no COUNT(DISTINCT) over every citation)."""

from tests.factories import make_article, make_reference
from tests.list_queries import list_page

URL = "/admin/references/reference/"


def _cited(n, start):
    for i in range(start, start + n):
        key = make_reference(f"listed-{i:02d}").key
        make_article(f"citing-{i:02d}", summary=f"Yes [@{key}].")


def test_reference_list_costs_the_same_for_3_and_30_references(client, editor):
    client.force_login(editor)
    _cited(3, 0)
    few, _response, _sql = list_page(client, URL)
    _cited(27, 3)
    many, _response, sql = list_page(client, URL)
    assert many == few
    # The old list joined every citation and counted distinct articles over all of them.
    assert not any('COUNT(DISTINCT "articles_citation"' in statement for statement in sql)


def test_each_row_shows_how_many_articles_cite_the_reference(client, editor):
    twice = make_reference("cited-twice")
    make_reference("never-cited")
    make_article("one", summary="Yes [@cited-twice].", title_zh_hans="是吗？", summary_zh_hans="是 [@cited-twice]。")
    make_article("two", summary="Also [@cited-twice].")
    client.force_login(editor)
    _count, response, _sql = list_page(client, URL)
    counts = {ref.key: ref.citing_article_count for ref in response.context["cl"].result_list}
    assert counts == {"cited-twice": 2, "never-cited": 0}
    assert twice.citations.count() == 3  # three citations (two languages of "one"), two articles
    # sorted by that column, most cited last
    _count, response, _sql = list_page(client, URL + "?o=8")
    assert [ref.key for ref in response.context["cl"].result_list] == ["never-cited", "cited-twice"]


def test_reference_list_leaves_out_what_it_does_not_show(client, editor):
    make_reference("shown", csl_source={"id": "shown", "note": "x" * 5000})
    client.force_login(editor)
    _count, response, sql = list_page(client, URL)
    assert "shown" in response.content.decode()
    page_query = [statement for statement in sql if "citing_article_count" in statement]
    assert len(page_query) == 1
    assert '"csl_source"' not in page_query[0] and '"csl_extra"' not in page_query[0]
