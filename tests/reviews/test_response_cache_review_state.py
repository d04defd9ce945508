"""The cached article page follows the medical review at once: submitting, approving, and a
change of a reviewer's public profile (the reviews app registers its models with the cache)."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from reviews.models import BoardMember
from reviews.workflow import rules as workflow
from tests.articles.response_cache_helpers import cached_now, fetch

URL = "/en/articles/msc-knee-dose/"


@pytest.fixture
def imported(editor):
    call_command("import_article", "demo/articles/msc-knee-dose.en.md", "--user", "editor", stdout=io.StringIO())
    return Article.objects.get(slug="msc-knee-dose")


def test_an_approval_shows_who_reviewed_it(client, imported, editor, reviewer):
    assert "Medically reviewed by" not in cached_now(client, URL)
    workflow.submit(imported, "en", editor)
    workflow.approve(imported, "en", reviewer)
    html = fetch(client, URL)[1]
    assert "Medically reviewed by" in html and "Dr Mei Lin" in html


def test_a_submission_moves_the_tracker(client, imported, editor):
    assert "Not yet submitted for medical review." in cached_now(client, URL)
    workflow.submit(imported, "en", editor)
    assert "Not yet submitted for medical review." not in fetch(client, URL)[1]


def test_a_reviewers_new_name_shows_on_pages_they_approved(client, imported, editor, reviewer):
    workflow.submit(imported, "en", editor)
    workflow.approve(imported, "en", reviewer)
    cached_now(client, URL)
    cached_now(client, "/en/board/")
    profile = BoardMember.objects.get(user=reviewer)
    profile.display_name = "Prof Mei Lin"
    profile.save()
    assert "Prof Mei Lin" in fetch(client, URL)[1]
    assert "Prof Mei Lin" in fetch(client, "/en/board/")[1]
