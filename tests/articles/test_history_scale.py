"""The history page and compare make a constant number of queries, however long the history."""

import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from tests.factories import make_article


def article_with_revisions(user, count, slug):
    with reversion.create_revision():
        article = make_article(slug=slug, summary="Dose 0.", title_zh_hans="剂量？", summary_zh_hans="剂量0。")
        reversion.set_user(user)
    for n in range(1, count):
        with reversion.create_revision():
            if n % 2:
                article.summary_en = f"Dose {n}."
            else:
                article.summary_zh_hans = f"剂量{n}。"
            article.save()
            reversion.set_user(user)
            reversion.set_comment(f"Edit {n}")
    return article, list(Version.objects.get_for_object(article).order_by("pk"))


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_history_and_compare_query_counts_do_not_grow(editor_client, editor):
    # Once, first: what a process reads a single time (ContentType's cache) is not per page.
    warm_up, _versions = article_with_revisions(editor, 2, "warm-up")
    queries_for(editor_client, reverse("admin:articles_article_history", args=[warm_up.pk]))
    counts = {}
    for count in (3, 200):
        article, versions = article_with_revisions(editor, count, f"article-{count}")
        history = reverse("admin:articles_article_history", args=[article.pk])
        compare = reverse("admin:articles_article_history_compare", args=[article.pk])
        compare += f"?a={versions[0].pk}&b={versions[-1].pk}"
        history_queries, response = queries_for(editor_client, history)
        compare_queries, _ = queries_for(editor_client, compare)
        counts[count] = (history_queries, compare_queries)
        if count == 200:
            html = response.content.decode()
            assert "200 revisions" in html
            # Each row says what changed; the oldest on the page too (vs. the one before it).
            assert html.count('class="revision-changes">Key answer (English)') == 25
            assert html.count('class="revision-changes">Key answer (Simplified Chinese)') == 25
            second_page, page2 = queries_for(editor_client, history + "?p=4")
            assert second_page == history_queries
            assert html.count("revision-changes") == 50
            assert 'class="revision-changes"></td>' in page2.content.decode()  # the first revision
    assert counts[3] == counts[200], counts
