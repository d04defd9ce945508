"""A result whose key answer holds none of the query's words shows the passage of the body
that does, in the language of the text shown; the bodies are read in one query for the page,
only when a snippet needs them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article

pytestmark = pytest.mark.django_db

BODY_EN = "## Evidence\n\n" + "Rest helps most people. " * 20 + "A splint worn at night eased the numbness in one trial [@x]."
BODY_ZH = "## 证据\n\n" + "多数人休息后好转。" * 20 + "一项试验中夜间佩戴夹板减轻了麻木。"


def body_reads(captured):
    return [q["sql"] for q in captured.captured_queries if '"body_en"' in q["sql"] or '"body_zh_hans"' in q["sql"]]


def test_the_snippet_comes_from_the_body_when_the_key_answer_lacks_the_words(client):
    make_article("wrist", title="Does rest help a sore wrist?", summary="Usually, within weeks.", body=BODY_EN)
    html = client.get("/en/search/", {"q": "splint"}).content.decode()
    snippet = html.split('class="search-result__snippet" lang="en">', 1)[1].split("</p>", 1)[0]
    assert snippet.startswith("…") and snippet.endswith("A <mark>splint</mark> worn at night eased the numbness in one trial.")
    assert "Usually, within weeks." not in html


def test_a_chinese_result_shows_its_chinese_body_passage(client):
    make_article("wrist-zh", lang="zh-hans", title="休息对腕痛有帮助吗？", summary="通常几周内好转。", body=BODY_ZH)
    html = client.get("/en/search/", {"q": "夹板"}).content.decode()
    assert "<mark>夹板</mark>减轻了麻木" in html


def test_bodies_are_not_read_when_every_key_answer_holds_a_word(client):
    for i in range(3):
        make_article(f"rest-{i}", title=f"Rest question {i}?", summary="Rest eases pain.", body=BODY_EN)
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/en/search/", {"q": "rest"}).content.decode()
    assert html.count('class="search-result"') == 3
    assert [sql for sql in body_reads(captured) if 'FROM "articles_article"' in sql] == []


def test_bodies_needed_by_many_results_are_read_in_one_query(client):
    for i in range(12):
        make_article(f"wrist-{i}", title=f"Wrist question {i}?", summary="Usually, within weeks.", body=BODY_EN)
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/en/search/", {"q": "splint"}).content.decode()
    assert html.count("<mark>splint</mark> worn at night") == 12
    article_body_reads = [sql for sql in body_reads(captured) if 'FROM "articles_article"' in sql]
    assert len(article_body_reads) == 1
