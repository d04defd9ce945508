"""The public pages run a fixed number of queries however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import GlossaryTerm
from tests.factories import make_article, make_author, make_reference, make_topic
from tests.page_costs import rebuilt_page_queries


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def miss_queries(client, url):
    """An article page built again after a change elsewhere (its response not cached, a new
    content version), once a first reader has had it: its render and related list are kept."""
    return len(rebuilt_page_queries(client, url))


def article_with(n, slug):
    keys = [make_reference(f"{slug}-ref-{i}").key for i in range(n)]
    citations = "; ".join(f"@{key}" for key in keys)
    return make_article(
        slug,
        summary=f"Answer [{citations}].",
        body="\n\n".join(f"## Part {i}\n\nText [@{key}]." for i, key in enumerate(keys)),
        topics=[make_topic() for _ in range(n)],
        authors=[make_author(f"Author {slug} {i}") for i in range(n)],
    )


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("persona", ["patient", "physician"])
def test_article_page_queries_do_not_grow_with_references_topics_or_authors(client, db, lang, persona):
    for i in range(10):
        GlossaryTerm.objects.create(term_en=f"term{i}", lay_explanation_en="plain words",
                                    term_zh_hans=f"术语{i}", lay_explanation_zh_hans="白话")
    article_with(1, "small")
    article_with(10, "large")
    small = miss_queries(client, f"/{lang}/articles/small/?persona={persona}")
    large = miss_queries(client, f"/{lang}/articles/large/?persona={persona}")
    assert small == large
    # article (with its kept related list), its topics, its authors, its language versions,
    # its update notes, the cited references, its medical reviews (no related article here);
    # the personas, and for lay readers the glossary, read once per content version
    assert large == (9 if persona == "patient" else 8)


@pytest.mark.parametrize("persona, first, rebuilt", [("patient", 17, 10), ("physician", 16, 9)])
def test_the_first_reader_after_a_change_also_ranks_the_related_articles(client, db, persona, first, rebuilt):
    GlossaryTerm.objects.create(term_en="term", lay_explanation_en="plain words")
    main = article_with(3, "main")
    make_article("other", summary="Also [@main-ref-0].", topics=[main.topics.first()])
    url = f"/en/articles/main/?persona={persona}"
    # The page built afresh (the article and its prefetches, the cited references, the reviews,
    # the related cards), the personas, for lay readers the glossary; its stored render looked
    # for and, rendered, written (a savepoint, the row, its release); the kept related list
    # read, the ranking itself (one statement), the list written.
    assert count_queries(client, url) == first
    # Once that reader has had it, the render and the related list are kept.
    assert miss_queries(client, url) == rebuilt


def test_article_page_queries_do_not_grow_with_related_articles(client, db):
    topic, reference = make_topic(), make_reference("shared-ref")
    make_article("few", summary="Answer [@shared-ref].", topics=[topic])
    make_article("many", summary="Answer [@shared-ref].", topics=[topic])
    make_article(topics=[topic])
    few = miss_queries(client, "/en/articles/few/")
    for _ in range(12):
        make_article(summary=f"Also [@{reference.key}].", topics=[topic, make_topic()])
    assert miss_queries(client, "/en/articles/many/") == few


def test_preview_queries_do_not_grow(client, editor, db):
    client.force_login(editor)
    article_with(1, "small")
    article_with(10, "large")
    small = count_queries(client, "/en/articles/small/preview/")
    large = count_queries(client, "/en/articles/large/preview/")
    assert small == large


def _index_content(n):
    topics = [make_topic() for _ in range(n)]
    for i in range(n):
        make_article(topics=topics[: i + 1])


def test_index_queries_do_not_grow_with_articles_or_topics(client, db):
    _index_content(1)
    small = count_queries(client, "/en/articles/")
    _index_content(9)
    large = count_queries(client, "/en/articles/")
    assert small == large
    # personas, the count for the pagination, a page of articles, their topics, the review
    # state of the texts the cards show
    assert large == 5


def test_topic_page_queries_do_not_grow(client, db):
    topic = make_topic("busy")
    make_article(topics=[topic])
    small = count_queries(client, "/en/topics/busy/")
    for _ in range(9):
        make_article(topics=[topic])
    large = count_queries(client, "/en/topics/busy/")
    assert small == large


def test_admin_changelist_queries_do_not_grow(editor_client, db):
    article_with(1, "small")
    small = count_queries(editor_client, "/admin/articles/article/")
    for i in range(9):
        article_with(3, f"more-{i}")
    large = count_queries(editor_client, "/admin/articles/article/")
    assert small == large


def test_reference_changelist_queries_do_not_grow(editor_client, db):
    make_reference()
    small = count_queries(editor_client, "/admin/references/reference/")
    for _ in range(9):
        make_reference()
    large = count_queries(editor_client, "/admin/references/reference/")
    assert small == large
