"""Each card of the index and of a topic page says whether the text it shows is medically
reviewed: approved exactly while that language's text is the one the board approved. One
query for the page, whatever its size."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.workflow import rules as workflow
from tests.factories import make_article, make_topic
from tests.reviews.conftest import make_article_with_history, save_as

pytestmark = pytest.mark.django_db

REVIEWED, NOT_REVIEWED = "Medically reviewed", "Not yet medically reviewed"


def card_states(client, url):
    """{slug: the card's review label} of a list page."""
    html = client.get(url).content.decode()
    cards = re.findall(r'<li class="article-card">(.*?)</li>\n', html, re.S)
    found = {}
    for card in cards:
        slug = re.search(r'href="/[a-z-]+/articles/([a-z0-9-]+)/"', card).group(1)
        label = re.search(r'<span class="article-card__review[^"]*">([^<]+)</span>', card)
        found[slug] = label.group(1) if label else None
    return found


@pytest.fixture
def knees(editor, reviewer):
    topic = make_topic("knees", name_en="Knees", name_zh_hans="膝关节")
    approved = make_article_with_history(editor, slug="approved", status="published", topics=[topic],
                                         title_zh_hans="休息有用吗？", summary_zh_hans="有用。")
    workflow.submit(approved, "en", editor)
    workflow.approve(approved, "en", reviewer)
    submitted = make_article_with_history(editor, slug="submitted", status="published", topics=[topic])
    workflow.submit(submitted, "en", editor)
    make_article("never-submitted", topics=[topic])
    return approved


def test_index_cards_say_which_texts_are_medically_reviewed(client, knees):
    assert card_states(client, "/en/articles/") == {
        "approved": REVIEWED, "submitted": NOT_REVIEWED, "never-submitted": NOT_REVIEWED,
    }
    assert card_states(client, "/en/topics/knees/")["approved"] == REVIEWED


def test_an_edit_of_the_approved_text_takes_the_label_away(client, reviewer, knees):
    save_as(reviewer, knees, summary_en="Rest helps, then exercise.")
    assert card_states(client, "/en/articles/")["approved"] == NOT_REVIEWED


def test_the_chinese_card_shows_the_state_of_the_chinese_text(client, editor, reviewer, knees):
    assert card_states(client, "/zh-hans/articles/")["approved"] == "尚未通过医学审核"  # only English approved
    workflow.submit(knees, "zh-hans", editor)
    workflow.approve(knees, "zh-hans", reviewer)
    assert card_states(client, "/zh-hans/articles/")["approved"] == "已通过医学审核"


def test_under_the_approval_gate_every_card_shown_is_reviewed(client, settings, knees):
    settings.REVIEW_GATE = "approval"
    assert card_states(client, "/en/articles/") == {"approved": REVIEWED}


def test_the_states_cost_one_query_at_any_size(client, editor):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/articles/").status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    for i in range(2):
        workflow.submit(make_article_with_history(editor, slug=f"small-{i}", status="published"), "en", editor)
    small = queries()
    for i in range(25):
        workflow.submit(make_article_with_history(editor, slug=f"large-{i}", status="published"), "en", editor)
    large = queries()
    assert len(small) == len(large)
    assert sum('FROM "reviews_review"' in sql for sql in large) == 1


def search_states(client, url, q):
    """{slug: the result's review label} of a search page."""
    html = client.get(url, {"q": q}).content.decode()
    found = {}
    for item in re.findall(r'<li class="search-result">(.*?)</li>\n', html, re.S):
        slug = re.search(r'href="/[a-z-]+/articles/([a-z0-9-]+)/"', item).group(1)
        label = re.search(r'<span class="article-card__review[^"]*">([^<]+)</span>', item)
        found[slug] = label.group(1) if label else None
    return found


def test_search_results_say_which_texts_are_medically_reviewed(client, editor, reviewer):
    approved = make_article_with_history(editor, slug="approved-splint", status="published",
                                         title="Does a splint help?", summary="A splint helps at night.")
    workflow.submit(approved, "en", editor)
    workflow.approve(approved, "en", reviewer)
    make_article("other-splint", title="Which splint?", summary="Any splint that fits.")
    assert search_states(client, "/en/search/", "splint") == {"approved-splint": REVIEWED, "other-splint": NOT_REVIEWED}
    save_as(reviewer, approved, summary_en="A splint helps at night, and a brace by day.")
    assert search_states(client, "/en/search/", "splint")["approved-splint"] == NOT_REVIEWED


def test_an_approval_reaches_search_results_already_shown(client, editor, reviewer):
    article = make_article_with_history(editor, slug="splint", status="published",
                                        title="Does a splint help?", summary="A splint helps at night.")
    workflow.submit(article, "en", editor)
    assert search_states(client, "/en/search/", "splint") == {"splint": NOT_REVIEWED}
    workflow.approve(article, "en", reviewer)
    assert search_states(client, "/en/search/", "Splint") == {"splint": REVIEWED}
    assert search_states(client, "/en/search/", "splint") == {"splint": REVIEWED}
