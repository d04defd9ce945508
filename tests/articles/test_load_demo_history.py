"""The history of a demo article starts from what load_demo wrote, byline included: an editor's
first save lists only what the editor changed, not the byline load_demo set."""

import re

import pytest
from reversion.models import Version

from articles.models import Article
from tests.articles.test_load_demo_keeps_edits import admin_url, browser_post, load_demo

pytestmark = pytest.mark.django_db


def history_changes(client, article):
    html = client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r'<td class="revision-changes">(.*?)</td>', html, re.S)]


def test_the_byline_load_demo_sets_is_a_revision_of_the_article():
    load_demo()
    article = Article.objects.get(slug="msc-knee-dose")
    newest = Version.objects.get_for_object(article).first()
    assert newest.revision.comment.startswith("Demo byline of msc-knee-dose set to ")


def test_an_editors_first_save_after_load_demo_lists_only_the_key_answer(editor_client):
    load_demo()
    article = Article.objects.get(slug="msc-knee-dose")
    browser_post(editor_client, admin_url(article), summary_en="A key answer the editor rewrote.")

    changes = history_changes(editor_client, article)
    assert changes[0] == "Key answer (English)"
    assert changes[1] == "Authors"  # load_demo's byline, after the import
