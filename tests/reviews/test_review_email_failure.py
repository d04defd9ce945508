"""A mail server that is down never fails or undoes a review action: the action is committed,
the send error is logged, and the user gets the normal result."""

import logging

import pytest
from django.db import connection

from reviews.models import Review, ReviewState
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history, make_board_member, run_review


@pytest.fixture(autouse=True)
def _mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.reviews.failing_mail.MailServerDown"


@pytest.mark.django_db(transaction=True)
def test_submit_is_committed_when_the_mail_server_is_down(caplog):
    from tests.conftest import _user

    editor = _user("editor-tx", "Editors", email="editor@example.org")
    member = make_board_member("board-tx")
    member.email = "board@example.org"
    member.save()
    article = make_article_with_history(editor, slug="down", title="Does ice help?", summary="A little.")
    assert connection.in_atomic_block is False  # on_commit callbacks run for real here
    with caplog.at_level(logging.ERROR, logger="reviews.workflow.notifications"):
        workflow.submit(article, "en", editor, "Ready.")
    assert Review.objects.get(article=article, language="en").state == ReviewState.SUBMITTED
    assert "Review email not sent (board@example.org)" in caplog.text
    assert "Connection refused" in caplog.text


def test_the_review_command_succeeds_when_the_mail_server_is_down(
    editor, reviewer, django_capture_on_commit_callbacks
):
    editor.email = "editor@example.org"
    editor.save()
    article = make_article_with_history(editor, slug="down2", title="Does ice help?", summary="A little.")
    workflow.submit(article, "en", editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        status, out, err = run_review("approve", "down2", "--lang", "en", "--user", "reviewer")
    assert len(callbacks) == 1  # the approval email was due
    assert status == 0, err
    assert "down2 (en): Approved" in out
    assert Review.objects.get(article=article).state == ReviewState.APPROVED
