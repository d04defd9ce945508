"""The review queue costs the same number of queries for 2 and for 30 articles (each with an
approval, a later edit and a new submission, in two languages), and shows 50 rows a page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reviews.models import Review
from reviews.workflow import rules as workflow
from tests.factories import make_reference
from tests.reviews.conftest import make_article_with_history, make_board_member, save_as

QUEUE = "/admin/reviews/reviewqueue/?tab=waiting"


def add_articles(n, editor, approver, start=0):
    for i in range(start, start + n):
        key = make_reference(f"ref-q{i}").key
        article = make_article_with_history(
            editor, slug=f"q-{i}", summary=f"Yes [@{key}].", title_zh_hans=f"问题{i}？", summary_zh_hans=f"是 [@{key}]。"
        )
        for lang in ("en", "zh-hans"):
            workflow.submit(article, lang, editor)
        workflow.approve(article, "en", approver)
        save_as(editor, article, summary_en=f"Now no [@{key}].")
        Review.objects.filter(article=article, language="en").first().assigned_to.add(approver)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.parametrize("role", ["board_member", "editor"])
def test_queue_query_count_does_not_grow_with_articles(client, request, role, editor):
    approver = make_board_member("approver")
    client.force_login(request.getfixturevalue(role))
    add_articles(2, editor, approver)
    few, response = queries(client, QUEUE)
    assert len(response.context["rows"]) == 4
    add_articles(28, editor, approver, start=2)
    many, response = queries(client, QUEUE)
    assert len(response.context["rows"]) == 50  # 60 waiting, 50 a page
    assert many == few
    second_page, response = queries(client, QUEUE + "&p=2")
    assert len(response.context["rows"]) == 10 and second_page == few


def add_one_per_tab(n, editor, approver, start=0):
    """Per i: an approved English text due for its periodic review (overdue), a Chinese one
    sent back (changes), an English one assigned to ``approver`` (mine), a Chinese one nobody
    took (open)."""
    for i in range(start, start + n):
        done = make_article_with_history(editor, slug=f"done-{i}", title_zh_hans=f"问题{i}？", summary_zh_hans="是。")
        for lang in ("en", "zh-hans"):
            workflow.submit(done, lang, editor)
        workflow.approve(done, "en", approver)
        workflow.request_changes(done, "zh-hans", approver, "Cite the newest trial.")
        Review.objects.filter(article=done, language="en").update(next_review_due=timezone.localdate())
        waiting = make_article_with_history(editor, slug=f"waiting-{i}", title_zh_hans=f"等{i}？", summary_zh_hans="是。")
        for lang in ("en", "zh-hans"):
            workflow.submit(waiting, lang, editor)
        Review.objects.get(article=waiting, language="en").assigned_to.add(approver)


@pytest.mark.parametrize("tab", ["mine", "open", "changes", "overdue"])
def test_every_tab_costs_the_same_queries_for_3_and_30_rows(client, editor, tab):
    approver = make_board_member("approver")
    client.force_login(approver)
    add_one_per_tab(3, editor, approver)
    few, response = queries(client, f"/admin/reviews/reviewqueue/?tab={tab}")
    assert len(response.context["rows"]) == 3
    add_one_per_tab(27, editor, approver, start=3)
    many, response = queries(client, f"/admin/reviews/reviewqueue/?tab={tab}")
    assert len(response.context["rows"]) == 30
    assert many == few
