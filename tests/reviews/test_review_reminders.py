"""manage.py review_reminders lists overdue and soon-due language versions, one line each,
emails the board a summary once a day, and exits 0."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from reviews.models import Review
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history, make_board_member


def reminders(*args):
    out = io.StringIO()
    call_command("review_reminders", *args, stdout=out)
    return out.getvalue()


def approved_with_due(editor, reviewer, slug, days_from_today, lang="en"):
    article = make_article_with_history(editor, slug=slug, title="Q?", summary="A.", lang=lang)
    workflow.submit(article, lang, editor)
    workflow.approve(article, lang, reviewer)
    Review.objects.filter(article=article, language=lang).update(
        next_review_due=timezone.localdate() + datetime.timedelta(days=days_from_today)
    )
    return article


@pytest.fixture
def due(editor, reviewer):
    approved_with_due(editor, reviewer, "long-overdue", -40)
    approved_with_due(editor, reviewer, "just-overdue", -1, lang="zh-hans")
    approved_with_due(editor, reviewer, "due-soon", 10)
    approved_with_due(editor, reviewer, "due-later", 45)
    approved_with_due(editor, reviewer, "due-next-year", 300)


@pytest.fixture
def board_with_email(db):
    member = make_board_member("mailboard", languages="zh-hans")
    member.email = "mailboard@example.org"
    member.save()
    return member


def test_lists_overdue_then_soon_due_versions_one_line_each(due):
    lines = reminders("--no-email").splitlines()
    today = timezone.localdate()
    assert lines == [
        f"OVERDUE  long-overdue (en): review was due {today - datetime.timedelta(days=40)}, 40 day(s) ago",
        f"OVERDUE  just-overdue (zh-hans): review was due {today - datetime.timedelta(days=1)}, 1 day(s) ago",
        f"DUE SOON due-soon (en): review due {today + datetime.timedelta(days=10)}, in 10 day(s)",
    ]


def test_days_widens_the_soon_due_window(due):
    output = reminders("--days", "60", "--no-email")
    assert "due-later (en)" in output
    assert "due-next-year" not in output


def test_emails_the_board_a_summary_once_a_day(due, board_with_email):
    first = reminders()
    assert "Summary emailed to 1 board member(s)." in first
    assert len(mail.outbox) == 1
    summary = mail.outbox[0]
    assert summary.to == ["mailboard@example.org"]
    assert "long-overdue (en)" in summary.body and "due-soon (en)" in summary.body
    assert "/admin/" in summary.body
    second = reminders()
    assert "long-overdue (en)" in second
    assert "already emailed today" in second
    assert len(mail.outbox) == 1


def test_nothing_due_says_so_and_sends_nothing(editor, reviewer, board_with_email):
    approved_with_due(editor, reviewer, "fresh", 200)
    assert reminders().strip() == "No medical review is overdue or due within 30 days."
    assert mail.outbox == []
