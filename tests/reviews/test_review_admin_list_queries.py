"""The review app's admin lists: the review queue loads no article text, the board member and
audit lists cost the same for 3 and for 30 rows."""

import pytest

from reviews.audit.models import AuditEvent
from reviews.workflow import rules as workflow
from tests.list_queries import list_page, long_text_columns_in
from tests.reviews.conftest import make_article_with_history, make_board_member

LONG = "A long body paragraph. " * 200


@pytest.mark.parametrize("tab", ["mine", "open", "waiting", "changes", "overdue"])
def test_review_queue_selects_no_article_text_column(client, db, editor, tab):
    approver = make_board_member("approver")
    for i in range(3):
        article = make_article_with_history(editor, slug=f"queued-{i}", body=LONG)
        workflow.submit(article, "en", editor)
    workflow.approve(article, "en", approver)
    client.force_login(approver)
    _count, response, sql = list_page(client, f"/admin/reviews/reviewqueue/?tab={tab}")
    assert long_text_columns_in(sql) == set()


def _members(n, start):
    for i in range(start, start + n):
        make_board_member(f"member{i}", display_name="")  # the name comes from the account


def _events(n, start):
    for i in range(start, start + n):
        AuditEvent.objects.create(action="publish", actor=f"user{i}", object_repr="", detail="")


@pytest.mark.parametrize("url, add", [
    ("/admin/reviews/boardmember/", _members),
    ("/admin/reviews/auditevent/", _events),
])
def test_admin_list_costs_the_same_for_3_and_30_rows(client, chief_editor, url, add):
    client.force_login(chief_editor)
    add(3, 0)
    few, _response, _sql = list_page(client, url)
    add(27, 3)
    many, _response, _sql = list_page(client, url)
    assert many == few
