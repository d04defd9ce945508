"""Under REVIEW_GATE=approval, search, sitemap and feed show only what readers are shown: the
last approved text of each language version, never a version not yet approved."""

import pytest

from reviews.workflow import rules as workflow
from tests.articles.test_sitemap_and_robots import sitemap
from tests.reviews.conftest import make_article_with_history, save_as


@pytest.fixture
def article(editor, reviewer, settings):
    """Published in both languages; only the English text is approved, then edited."""
    settings.REVIEW_GATE = "approval"
    article = make_article_with_history(
        editor, slug="gate", status="published", title="Does rest help?", summary="Yes, rest for two days.",
        title_zh_hans="休息有用吗？", summary_zh_hans="有用，休息两天。",
    )
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    save_as(editor, article, summary_en="Yes, rest for a fortnight.")
    return article


def search(client, lang, query):
    response = client.get(f"/{lang}/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_search_shows_the_approved_text(client, article):
    html = search(client, "en", "rest")
    assert "two <mark>days</mark>" in search(client, "en", "days")
    assert 'href="/en/articles/gate/"' in html
    assert "fortnight" not in html


def test_search_does_not_list_an_article_for_words_only_in_unapproved_text(client, article):
    assert 'href="/en/articles/gate/"' not in search(client, "en", "fortnight")
    assert 'href="/zh-hans/articles/gate/"' not in search(client, "zh-hans", "休息两天")


def test_sitemap_lists_only_the_approved_language_version(client, article):
    entries = sitemap(client)
    assert "http://testserver/en/articles/gate/" in entries
    assert "http://testserver/zh-hans/articles/gate/" not in entries
    assert entries["http://testserver/en/articles/gate/"]["alternates"]["en"] == "http://testserver/en/articles/gate/"
    assert "zh-hans" not in entries["http://testserver/en/articles/gate/"]["alternates"]


def test_feed_has_no_entry_for_a_language_not_yet_approved(client, article):
    assert "gate" not in client.get("/zh-hans/feed/").content.decode()
    english = client.get("/en/feed/").content.decode()
    assert "/en/articles/gate/" in english and "two days" in english and "fortnight" not in english
