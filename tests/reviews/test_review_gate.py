"""REVIEW_GATE: readers see the latest text with a caution (``caution``, the default), or only
the last approved text of each language version (``approval``)."""

import re

import pytest

from reviews.workflow import rules as workflow
from tests.page_costs import rebuilt_page_queries
from tests.reviews.conftest import make_article_with_history, save_as


@pytest.fixture
def article(editor, reviewer):
    """Published in both languages; only the English text is approved."""
    article = make_article_with_history(
        editor, slug="gate", status="published", title="Does rest help?", summary="Yes, rest for two days.",
        title_zh_hans="休息有用吗？", summary_zh_hans="有用，休息两天。",
    )
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    save_as(editor, article, summary_en="Yes, rest for a week.")
    return article


@pytest.fixture
def approval_gate(settings):
    settings.REVIEW_GATE = "approval"


def text_of(page):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_by_default_readers_see_the_latest_text_with_the_caution(client, article):
    page = html(client, "/en/articles/gate/")
    assert "Yes, rest for a week." in page
    assert "pending medical review" in page
    assert "Medically reviewed by" not in page


def test_under_the_approval_gate_readers_see_the_approved_text(client, article, approval_gate):
    page = html(client, "/en/articles/gate/")
    assert "Yes, rest for two days." in page
    assert "Yes, rest for a week." not in page
    assert "Medically reviewed by Dr Mei Lin" in text_of(page)
    assert "pending medical review" not in page
    assert '"lastReviewed"' in page


def test_the_edit_goes_live_once_approved(client, article, approval_gate, editor, second_reviewer):
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", second_reviewer)
    page = html(client, "/en/articles/gate/")
    assert "Yes, rest for a week." in page
    assert "Medically reviewed by Dr Sam Okafor" in text_of(page)


def test_a_version_never_approved_falls_back_to_an_approved_one(client, article, approval_gate):
    page = html(client, "/zh-hans/articles/gate/")
    assert "休息两天" not in page
    assert "Yes, rest for two days." in page
    assert "fallback-note" in page
    assert '<article class="article" lang="en"' in page


def test_the_editors_preview_shows_the_latest_text(client, article, approval_gate, editor):
    client.force_login(editor)
    page = html(client, "/en/articles/gate/preview/")
    assert "Yes, rest for a week." in page
    assert "pending medical review" in page


def test_an_article_never_approved_is_not_shown_or_listed(client, editor, approval_gate):
    make_article_with_history(editor, slug="unreviewed", status="published", title="Unreviewed question?")
    assert client.get("/en/articles/unreviewed/").status_code == 404
    assert "Unreviewed question?" not in html(client, "/en/articles/")


def test_the_index_lists_the_approved_title(client, article, approval_gate, editor):
    save_as(editor, article, title_en="Does rest help a knee?")
    assert "Does rest help?" in html(client, "/en/articles/")
    assert "Does rest help a knee?" not in html(client, "/en/articles/")


def test_the_gated_page_costs_two_more_queries_at_most(client, article, approval_gate, settings):
    def count():  # the page built again after a change elsewhere (a new content version)
        return len(rebuilt_page_queries(client, "/en/articles/gate/?persona=physician"))

    gated = count()
    settings.REVIEW_GATE = "caution"
    assert gated <= count() + 2
