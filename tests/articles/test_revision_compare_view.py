"""Admin: the article history page and comparing two revisions (permissions, 404s, query counts)."""

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from tests.factories import make_article
from tests.staff import make_staff_reader


def make_history(user, count=2):
    """An article with ``count`` revisions, by ``user``; returns (article, versions oldest first)."""
    with reversion.create_revision():
        article = make_article(
            slug="knee-cells",
            title="How many cells?",
            summary="Inject two doses.",
            title_zh_hans="多少细胞？",
            summary_zh_hans="每次注射1.0×10^8个细胞。",
        )
        reversion.set_user(user)
        reversion.set_comment("First draft")
    for n in range(1, count):
        with reversion.create_revision():
            article.summary_en = f"Inject {n + 2} doses."
            if n == 1:
                article.summary_zh_hans = "每次注射5.0×10^7个细胞。"
            article.save()
            reversion.set_user(user)
            reversion.set_comment(f"Edit {n}")
    return article, list(Version.objects.get_for_object(article).order_by("pk"))


def compare_url(article, a, b):
    return f"/admin/articles/article/{article.pk}/history/compare/?a={a.pk}&b={b.pk}"


def history_url(article):
    return f"/admin/articles/article/{article.pk}/history/"


def test_compare_shows_per_language_rows(editor_client, editor):
    article, (old, new) = make_history(editor)
    response = editor_client.get(compare_url(article, new, old))  # order does not matter
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-field="summary" data-lang="en"' in html
    assert 'data-field="summary" data-lang="zh-hans"' in html
    assert 'data-field="title"' not in html
    assert "[deleted: </span>two" in html and "[added: </span>3" in html
    assert "[deleted: </span>1<" in html and "[added: </span>5<" in html
    assert "First draft" in html and "Edit 1" in html


def test_history_page_offers_compare_and_preview(editor_client, editor):
    article, (old, new) = make_history(editor)
    html = editor_client.get(history_url(article)).content.decode()
    assert f'action="/admin/articles/article/{article.pk}/history/compare/"' in html
    assert f'name="a" value="{old.pk}"' in html and f'name="b" value="{new.pk}"' in html
    assert f"/admin/articles/article/{article.pk}/history/{old.pk}/preview/" in html
    assert "2 revisions" in html


@pytest.mark.parametrize("who", ["outsider", "staff_reader"])
def test_compare_needs_the_permission_to_open_unpublished_text(client, editor, request, who):
    article, (old, new) = make_history(editor)
    client.force_login(request.getfixturevalue(who) if who == "outsider" else make_staff_reader())
    response = client.get(compare_url(article, old, new))
    if who == "outsider":  # not staff: the admin sends them to log in
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == 403


def test_staff_reader_sees_history_without_compare_controls(client, editor):
    article, (old, new) = make_history(editor)
    client.force_login(make_staff_reader())
    html = client.get(history_url(article)).content.decode()
    assert "First draft" in html
    assert 'name="a"' not in html and "/preview/" not in html


def test_board_member_may_compare_but_not_revert(client, editor, board_member):
    article, (old, new) = make_history(editor)
    client.force_login(board_member)
    assert client.get(compare_url(article, old, new)).status_code == 200
    html = client.get(history_url(article)).content.decode()
    assert 'name="a"' in html and f"/history/{old.pk}/preview/" in html
    assert f'href="/admin/articles/article/{article.pk}/history/{old.pk}/"' not in html


def test_translator_may_compare(client, editor, translator):
    article, (old, new) = make_history(editor)
    client.force_login(translator)
    assert client.get(compare_url(article, old, new)).status_code == 200


def test_version_of_another_article_is_404(editor_client, editor):
    article, (old, _new) = make_history(editor)
    with reversion.create_revision():
        other = make_article(slug="other-article")
    foreign = Version.objects.get_for_object(other).get()
    assert editor_client.get(compare_url(article, old, foreign)).status_code == 404
    assert editor_client.get(f"{history_url(article)}compare/?a={old.pk}&b=x").status_code == 404
    assert editor_client.get(f"{history_url(article)}compare/?a={old.pk}&b=999999").status_code == 404


def test_same_revision_twice_says_so(editor_client, editor):
    article, (old, _new) = make_history(editor)
    response = editor_client.get(compare_url(article, old, old))
    assert response.status_code == 200
    assert "same revision twice" in response.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_revisions(editor_client, editor):
    few, few_versions = make_history(editor, count=3)
    many_article_versions = []
    with reversion.create_revision():
        many = make_article(slug="many", title="Many?", summary="Start.")
    for n in range(29):
        with reversion.create_revision():
            many.summary_en = f"Edit number {n}."
            many.save()
            reversion.set_user(editor)
    many_article_versions = list(Version.objects.get_for_object(many).order_by("pk"))
    assert len(many_article_versions) == 30

    assert _queries(editor_client, history_url(few)) == _queries(editor_client, history_url(many))
    assert _queries(editor_client, compare_url(few, few_versions[0], few_versions[-1])) == _queries(
        editor_client, compare_url(many, many_article_versions[0], many_article_versions[-1])
    )


def test_history_is_paginated_fifty_a_page(editor_client, editor):
    with reversion.create_revision():
        article = make_article(slug="long", title="Long?", summary="Start.")
    for n in range(55):
        with reversion.create_revision():
            article.summary_en = f"Edit number {n}."
            article.save()
    html = editor_client.get(history_url(article)).content.decode()
    assert html.count('name="a"') == 50
    assert "56 revisions" in html
    assert html.count('name="a"', 0) == 50
    page2 = editor_client.get(history_url(article) + "?p=2").content.decode()
    assert page2.count('name="a"') == 6
