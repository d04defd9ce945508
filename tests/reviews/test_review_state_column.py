"""The admin's article list shows the medical review state of each language version (a column
the reviews app registers with articles/list_columns.py), in a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history, save_as

LIST = reverse("admin:articles_article_changelist")


def review_cells(client):
    """{slug: text of its review cell} as the list shows them."""
    html = client.get(LIST).content.decode()
    cells = {}
    for row in re.findall(r"<tr>.*?</tr>", html, flags=re.S):
        slug = re.search(r'class="article-slug">([^<· ]+)', row)
        cell = re.search(r'<td class="field-list_column_review_state">(.*?)</td>', row, flags=re.S)
        if slug and cell:
            cells[slug.group(1)] = re.sub(r"<[^>]+>", "", cell.group(1).replace("</span> <span", "</span> | <span")).strip()
    return cells


@pytest.fixture
def articles(editor, reviewer):
    draft = make_article_with_history(editor, slug="a-draft", title="Draft?", summary="Not yet.", status="draft")
    submitted = make_article_with_history(editor, slug="b-submitted", title="Submitted?", summary="Yes.",
                                          title_zh_hans="已提交？", summary_zh_hans="是的。")
    workflow.submit(submitted, "en", editor)
    approved = make_article_with_history(editor, slug="c-approved", title="Approved?", summary="Yes.")
    workflow.submit(approved, "en", editor)
    workflow.approve(approved, "en", reviewer)
    edited = make_article_with_history(editor, slug="d-edited", title="Edited?", summary="Yes.")
    workflow.submit(edited, "en", editor)
    workflow.approve(edited, "en", reviewer)
    save_as(editor, edited, summary_en="Yes, and more since the approval.")
    return draft, submitted, approved, edited


def test_the_list_shows_each_language_versions_review_state(editor_client, articles):
    html = editor_client.get(LIST).content.decode()
    assert "Medical review" in html  # the column's header
    assert review_cells(editor_client) == {
        "a-draft": "English: Not submitted",
        "b-submitted": "English: Submitted | 简体中文: Not submitted",
        "c-approved": "English: Approved",
        "d-edited": "English: Changed since approval",
    }


def test_under_review_and_changes_requested(editor_client, editor, reviewer):
    under = make_article_with_history(editor, slug="under", title="Under?", summary="Yes.")
    workflow.submit(under, "en", editor)
    workflow.start_review(under, "en", reviewer)
    changes = make_article_with_history(editor, slug="changes", title="Changes?", summary="Yes.")
    workflow.submit(changes, "en", editor)
    workflow.request_changes(changes, "en", reviewer, "Cite a trial.")
    cells = review_cells(editor_client)
    assert cells["under"] == "English: Under review"
    assert cells["changes"] == "English: Changes requested"


def test_the_column_is_in_chinese_on_the_chinese_admin(editor_client, articles):
    editor_client.cookies["django_language"] = "zh-hans"
    html = editor_client.get(LIST, headers={"accept-language": "zh-hans"}).content.decode()
    assert "已批准" in html
    assert "English: Approved" not in html


def test_the_column_costs_the_same_queries_for_a_small_and_a_large_page(editor_client, editor, reviewer):
    def add(n, start):
        for i in range(start, start + n):
            article = make_article_with_history(editor, slug=f"article-{i}", title=f"Question {i}?",
                                                summary="Answer.", title_zh_hans=f"问题{i}？", summary_zh_hans="回答。")
            workflow.submit(article, "en", editor)
            if i % 2:
                workflow.approve(article, "en", reviewer)
                save_as(editor, article, summary_en=f"Answer {i}, edited [@missing{i}].")

    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        assert editor_client.get(LIST).status_code == 200
    add(20, 2)
    with CaptureQueriesContext(connection) as many:
        response = editor_client.get(LIST)
    assert response.content.decode().count("review-state--changed_since_approval") == 11
    assert len(many) == len(few)
