"""Signed-in staff and the editors' previews never get a cached page, and never leave one behind."""

import pytest

from articles.models import Article
from tests.articles.response_cache_helpers import cached_now, fetch
from tests.factories import make_article

URL = "/en/articles/knee/"


@pytest.fixture
def article(db):
    return make_article("knee", title="Do cells help knees?", body="Published words.")


def test_staff_never_get_the_cached_page(client, editor, article):
    cached_now(client, URL)
    client.force_login(editor)
    response, html = fetch(client, URL)
    assert response.status_code == 200 and "Published words." in html
    assert "X-Response-Cache" not in response
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control and "public" not in cache_control


def test_a_page_staff_saw_is_not_stored_for_readers(client, editor, article):
    client.force_login(editor)
    fetch(client, URL)
    fetch(client, URL)
    client.logout()
    response, _html = fetch(client, URL)
    assert response["X-Response-Cache"] == "miss"


def test_any_session_cookie_bypasses_the_cache(client, article):
    cached_now(client, URL)
    client.cookies["sessionid"] = "not-even-valid"
    response, _html = fetch(client, URL)
    assert "X-Response-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_the_preview_shows_the_draft_while_readers_get_the_published_page(client, editor, article):
    cached_now(client, URL)
    article.body_en = "Draft words."
    article.status = Article.Status.DRAFT
    article.save()
    client.force_login(editor)
    for _ in range(2):
        response, html = fetch(client, "/en/articles/knee/preview/")
        assert "Draft words." in html
        assert "X-Response-Cache" not in response
        assert "no-store" in response["Cache-Control"]
    client.logout()
    assert fetch(client, URL)[0].status_code == 404  # a draft: readers see nothing, cached or not
