"""Two board members approving at the same moment (quorum 2): the row lock on the review makes
the second wait for the first, so both approvals count and the text ends up approved.

PostgreSQL only: SQLite lets one writer in at a time anyway, which is not what this checks."""

import threading
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection

from reviews.models import ReviewState, SignOff
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history

pytestmark = [
    pytest.mark.skipif(
        django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs row locks: run with DATABASE_URL=postgres://...",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_simultaneous_approvals_both_count(settings, monkeypatch, editor, reviewer, second_reviewer):
    settings.REVIEW_QUORUM = 2
    article = make_article_with_history(editor, slug="race")
    workflow.submit(article, "en", editor)

    create = SignOff.objects.create

    def slow_create(**fields):
        time.sleep(0.5)  # each approval has read the sign-offs so far: let the other one read too
        return create(**fields)

    monkeypatch.setattr(SignOff.objects, "create", slow_create)
    start, errors = threading.Barrier(2), []

    def approve(user):
        try:
            start.wait()
            workflow.approve(article, "en", user)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in (reviewer, second_reviewer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    version = workflow.status(article, "en")
    assert version.state == ReviewState.APPROVED
    assert {u.username for u in version.approvers} == {"reviewer", "second"}
