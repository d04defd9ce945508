"""`manage.py review submit` prints failing trust checklist items as warnings (on the standard
output) and submits (for
automation); with --require-checklist it refuses, one line per problem, and exits non-zero."""

import pytest

from reviews.models import Review, ReviewState
from tests.reviews.conftest import make_article_with_history, run_review


@pytest.fixture
def article(editor):
    return make_article_with_history(editor, slug="bare", title="Does ice help?", summary="A little.",
                                     body="Ice eases pain.\n")


def test_submit_warns_about_failing_items_and_submits(article):
    status, out, err = run_review("submit", "bare", "--lang", "en", "--user", "editor")
    assert status == 0
    assert "bare (en): Submitted" in out
    assert err == ""
    assert "warning: trust checklist: authorship: The article names no author." in out
    assert "warning: trust checklist: attribution: Line 1: “Ice eases pain.” cites no source." in out
    assert Review.objects.get(article=article).state == ReviewState.SUBMITTED


def test_require_checklist_refuses_and_submits_nothing(article):
    status, out, err = run_review("submit", "bare", "--lang", "en", "--user", "editor", "--require-checklist")
    assert status != 0
    assert "warning: trust checklist: authorship: The article names no author." in out
    assert "CommandError: The trust checklist of the English version of “bare” fails (authorship, attribution, " in err
    assert not Review.objects.filter(article=article, state=ReviewState.SUBMITTED).exists()
