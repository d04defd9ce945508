"""At the end of an article: up to five other published articles sharing its topics or cited
sources, the most overlap first, and links back to its topics."""

import re

import pytest

from reviews.workflow import rules as workflow
from tests.factories import make_article, make_reference, make_topic
from tests.reviews.conftest import make_article_with_history, make_board_member


def related_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<section class="related".*?</section>', html, re.S)
    if not match:
        return []
    return re.findall(r"<li><a [^>]*>([^<]+)</a>", match.group(0))


@pytest.fixture
def knee(db):
    return make_topic("knee", "Knee")


def test_ranked_by_shared_topics_and_sources(client, knee):
    hip = make_topic("hip", "Hip")
    make_reference("trial-a")
    make_reference("trial-b")
    make_article("main", title="Main question?", summary="Answer [@trial-a; @trial-b].", topics=[knee, hip])
    make_article("one-topic", title="Shares one topic?", topics=[knee])
    make_article("topics-and-source", title="Shares both topics and a source?", summary="Yes [@trial-a].",
                 topics=[knee, hip])
    make_article("two-sources", title="Shares two sources?", summary="So [@trial-a; @trial-b].")
    make_article("unrelated", title="Nothing in common?", topics=[make_topic("heart")])
    assert related_titles(client, "/en/articles/main/") == [
        "Shares both topics and a source?", "Shares two sources?", "Shares one topic?",
    ]


def test_drafts_are_never_related(client, knee):
    make_article("main", topics=[knee])
    make_article("draft", title="Draft on the knee?", status="draft", topics=[knee])
    assert related_titles(client, "/en/articles/main/") == []


def test_at_most_five(client, knee):
    make_article("main", topics=[knee])
    for n in range(8):
        make_article(f"other-{n}", topics=[knee])
    assert len(related_titles(client, "/en/articles/main/")) == 5


def test_the_article_is_not_related_to_itself(client, knee):
    make_article("main", title="Main question?", topics=[knee])
    assert "Main question?" not in related_titles(client, "/en/articles/main/")


def test_chinese_only_article_is_listed_with_its_language(client, knee):
    make_article("main", topics=[knee])
    make_article("zh-only", lang="zh-hans", title="膝关节怎么办？", topics=[knee])
    html = client.get("/en/articles/main/").content.decode()
    assert '<a href="/en/articles/zh-only/" lang="zh-hans">膝关节怎么办？</a>' in html


def test_links_back_to_the_articles_topics(client, knee):
    make_article("main", topics=[knee, make_topic("hip", "Hip")])
    html = client.get("/en/articles/main/").content.decode()
    links = re.search(r'<nav class="topic-links".*?</nav>', html, re.S).group(0)
    assert re.sub(r"<[^>]+>", "", links).strip() == "More on: Hip, Knee"
    assert 'href="/en/topics/knee/"' in links


def test_chinese_topic_links_use_the_enumeration_comma(client, db):
    knee = make_topic("knee", "Knee", name_zh_hans="膝关节")
    hip = make_topic("hip", "Hip", name_zh_hans="髋关节")
    make_article("main", lang="zh-hans", title="怎么办？", summary="休息。", topics=[knee, hip])
    html = client.get("/zh-hans/articles/main/").content.decode()
    links = re.sub(r"<[^>]+>", "", re.search(r'<nav class="topic-links".*?</nav>', html, re.S).group(0))
    assert "髋关节、膝关节" in links


def test_under_the_approval_gate_only_approved_articles_are_related(client, editor, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REVIEW_GATE = "approval"
    reviewer = make_board_member("reviewer")
    knee = make_topic("knee", "Knee")
    main = make_article_with_history(editor, slug="main", status="published", topics=[knee])
    approved = make_article_with_history(editor, slug="approved", status="published", title="Approved one?")
    unapproved = make_article_with_history(editor, slug="waiting", status="published", title="Waiting one?")
    for article in (approved, unapproved):
        article.topics.set([knee])
    for article in (main, approved):
        workflow.submit(article, "en", editor)
        workflow.approve(article, "en", reviewer)
    assert related_titles(client, "/en/articles/main/") == ["Approved one?"]


def test_a_topic_shared_by_many_articles_ranks_as_counting_every_article(client, knee):
    """More articles share a topic than the candidates counted: the ranking is still the one
    over every article (two shared topics before one, newest first, sources first)."""
    import datetime

    from django.utils import timezone

    hip = make_topic("hip", "Hip")
    make_reference("trial-a")
    make_article("main", title="Main question?", summary="Answer [@trial-a].", topics=[knee, hip])
    start = timezone.now() - datetime.timedelta(days=100)
    for n in range(30):  # newer articles sharing one topic crowd the candidates
        make_article(f"knee-{n}", title=f"Knee question {n}?", topics=[knee],
                     published_at=start + datetime.timedelta(days=50 + n))
    make_article("old-both", title="Old, both topics?", topics=[knee, hip], published_at=start)
    make_article("old-source", title="Old, the source?", summary="See [@trial-a].", published_at=start)
    assert related_titles(client, "/en/articles/main/") == [
        "Old, both topics?", "Old, the source?", "Knee question 29?", "Knee question 28?", "Knee question 27?",
    ]
