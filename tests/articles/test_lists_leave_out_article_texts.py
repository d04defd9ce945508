"""List pages load titles, not the long texts (key answers, bodies, plain summaries) of articles."""

import pytest

from articles.models import UpdateNote
from tests.articles.followup_helpers import question_for
from tests.factories import make_article, make_topic
from tests.list_queries import list_page, long_text_columns_in

LONG = "A long body paragraph. " * 200


@pytest.fixture
def listed(db):
    english = make_article("listed-english", body=LONG)
    both = make_article("listed-both", body=LONG, title_zh_hans="问题？", summary_zh_hans="回答。", body_zh_hans=LONG)
    question_for(english, answer_article=both, status="answered")
    UpdateNote.objects.create(article=both, note_en="Changed.")
    return english, both


@pytest.mark.parametrize("url", [
    "/admin/articles/article/",
    "/admin/articles/article/?o=-2",  # sorted by another column
    "/admin/articles/translationtask/",
    "/admin/articles/followupquestion/",
    "/admin/articles/updatenote/",
])
def test_admin_list_selects_no_article_text_column(client, chief_editor, listed, url):
    client.force_login(chief_editor)
    _count, response, sql = list_page(client, url)
    assert "listed-english" in response.content.decode() or "What is the best treatment" in response.content.decode()
    assert long_text_columns_in(sql) == set()


def test_the_change_form_still_loads_the_texts(client, editor, listed):
    english, _both = listed
    client.force_login(editor)
    _count, response, _sql = list_page(client, f"/admin/articles/article/{english.pk}/change/")
    assert LONG.strip() in response.content.decode()


@pytest.mark.parametrize("url", ["/en/articles/", "/zh-hans/articles/", "/en/topics/knees/"])
def test_reader_lists_load_key_answers_but_not_bodies(client, db, url):
    topic = make_topic("knees", name_en="Knees")
    make_article("listed-english", body=LONG, topics=[topic])
    make_article("listed-both", body=LONG, title_zh_hans="问题？", summary_zh_hans="回答。", body_zh_hans=LONG, topics=[topic])
    _count, response, sql = list_page(client, url)
    assert "listed-both" in response.content.decode()
    assert {column.split("_")[0] for column in long_text_columns_in(sql)} <= {"summary"}
