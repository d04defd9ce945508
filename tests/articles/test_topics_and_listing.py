"""/<lang>/topics/ with published article counts; the index and topic pages newest first,
20 a page, each article once, key answers as snippets, constant queries at any size."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_article, make_topic

CARD_LINK = re.compile(r'<li class="article-card">\s*<a href="/[a-z-]+/articles/([a-z0-9-]+)/"')


def get(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


def articles(n, *, topics=(), prefix="a"):
    start = timezone.now() - timedelta(days=n + 1)
    return [
        make_article(f"{prefix}-{i}", title=f"Question {prefix} {i}?", summary=f"Answer {i}.",
                     published_at=start + timedelta(days=i), topics=topics)
        for i in range(n)
    ]


@pytest.mark.django_db
def test_topics_index_lists_every_topic_with_its_published_article_count(client):
    knees = make_topic("knees", name_en="Knees", name_zh_hans="膝关节")
    make_topic("empty", name_en="Empty topic")
    make_article("a", topics=[knees])
    make_article("b", topics=[knees])
    make_article("draft", status="draft", topics=[knees])
    make_article("later", topics=[knees], published_at=timezone.now() + timedelta(days=2))
    html, _queries = get(client, "/en/topics/")
    assert '<a href="/en/topics/knees/">Knees</a>' in html
    assert re.search(r"Knees</a>\s*<span class=\"topic-list__count\">2 articles</span>", html)
    assert re.search(r"Empty topic</a>\s*<span class=\"topic-list__count\">0 articles</span>", html)
    assert "膝关节" in get(client, "/zh-hans/topics/")[0]


@pytest.mark.django_db
def test_topics_index_costs_two_queries_however_many_topics(client):
    make_article("a", topics=[make_topic()])
    _html, small = get(client, "/en/topics/")
    for _ in range(10):
        make_article(topics=[make_topic(), make_topic()])
    _html, large = get(client, "/en/topics/")
    assert small == large == 2  # the counts per topic, then the topics


@pytest.mark.django_db
def test_index_lists_newest_first_twenty_a_page(client):
    articles(25)
    make_article("draft", status="draft")
    html, _queries = get(client, "/en/articles/")
    slugs = CARD_LINK.findall(html)
    assert slugs == [f"a-{i}" for i in range(24, 4, -1)]
    assert "Page 1 of 2" in html and 'href="/en/articles/?page=2"' in html
    html, _queries = get(client, "/en/articles/", page=2)
    assert CARD_LINK.findall(html) == [f"a-{i}" for i in range(4, -1, -1)]
    assert "draft" not in CARD_LINK.findall(html)


@pytest.mark.django_db
def test_topic_page_lists_its_articles_with_the_key_answer_paginated(client):
    topic = make_topic("sleep", name_en="Sleep")
    articles(22, topics=[topic])
    make_article("elsewhere", title="Unrelated?")
    make_article("draft", status="draft", topics=[topic])
    html, _queries = get(client, "/en/topics/sleep/")
    assert CARD_LINK.findall(html)[:2] == ["a-21", "a-20"]
    assert len(CARD_LINK.findall(html)) == 20
    assert '<p class="article-card__answer">Answer 21.</p>' in html
    html, _queries = get(client, "/en/topics/sleep/", page=2)
    assert CARD_LINK.findall(html) == ["a-1", "a-0"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/articles/", "/en/topics/busy/", "/zh-hans/topics/busy/"])
def test_listing_queries_are_the_same_for_small_and_large_libraries(client, url):
    topic = make_topic("busy")
    articles(2, topics=[topic, make_topic()], prefix="s")
    client.get(url, {"first": 1})  # what is read once per content version (the personas) is read
    _html, small = get(client, url)
    articles(45, topics=[topic, make_topic(), make_topic()], prefix="l")
    client.get(url, {"first": 1})
    _html, large = get(client, url)
    _html, last_page = get(client, url, page=3)
    assert small == large == last_page
