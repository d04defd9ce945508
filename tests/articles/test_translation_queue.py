"""The admin's translation queue: missing and out-of-date language versions, for translators."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article
from tests.factories import make_article

QUEUE_URL = reverse("admin:articles_translationtask_changelist")


def _reload(article):
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def queue_articles(db):
    """One article per state: Chinese missing, Chinese out of date, Chinese current."""
    missing = make_article("english-only", title="Is rest enough?")
    stale = make_article("stale-chinese", title="Does ice help?", title_zh_hans="冰敷有用吗？", summary_zh_hans="有用。")
    stale = _reload(stale)
    stale.summary_en = "Sometimes, for a short time."
    stale.save()
    current = make_article("current-chinese", title="Is heat good?", title_zh_hans="热敷好吗？", summary_zh_hans="好。")
    return {"missing": missing, "stale": _reload(stale), "current": current}


def _rows(response):
    return {(row["article"].slug, row["language"], row["state"]) for row in response.context["rows"]}


def test_translator_sees_missing_and_stale_versions_but_not_current_ones(client, translator, queue_articles):
    client.force_login(translator)
    response = client.get(QUEUE_URL)
    assert response.status_code == 200
    assert _rows(response) == {("english-only", "zh-hans", "missing"), ("stale-chinese", "zh-hans", "stale")}
    html = response.content.decode()
    assert "Is rest enough?" in html
    assert "Does ice help?" in html
    assert "Is heat good?" not in html
    assert "Missing" in html
    stale = queue_articles["stale"]
    since = date_format(timezone.localtime(stale.content_updated_at), "DATE_FORMAT")
    assert f"Out of date since {since}" in html
    change = reverse("admin:articles_article_change", args=[stale.pk])
    assert f'href="{change}#tab_id_title_zh_hans"' in html
    assert ">Translate<" in html


def test_queue_filters_by_language_and_state(client, translator, queue_articles):
    client.force_login(translator)
    assert _rows(client.get(QUEUE_URL, {"state": "missing"})) == {("english-only", "zh-hans", "missing")}
    assert _rows(client.get(QUEUE_URL, {"state": "stale"})) == {("stale-chinese", "zh-hans", "stale")}
    assert _rows(client.get(QUEUE_URL, {"lang": "en"})) == set()
    # An unknown filter value is ignored, not an error.
    assert len(_rows(client.get(QUEUE_URL, {"lang": "fr", "state": "nonsense"}))) == 2


def test_translating_takes_the_row_off_the_queue(client, translator, queue_articles):
    stale = queue_articles["stale"]
    stale.summary_zh_hans = "有时有用，时间要短。"
    stale.save()
    client.force_login(translator)
    assert _rows(client.get(QUEUE_URL)) == {("english-only", "zh-hans", "missing")}


def test_editors_and_chief_editors_see_the_queue(client, editor, chief_editor, queue_articles):
    for user in (editor, chief_editor):
        client.force_login(user)
        assert client.get(QUEUE_URL).status_code == 200


def test_board_member_is_refused(client, board_member, queue_articles):
    client.force_login(board_member)
    assert client.get(QUEUE_URL).status_code == 403


def test_outsider_is_sent_to_the_login_page(outsider_client, queue_articles):
    response = outsider_client.get(QUEUE_URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_anonymous_is_sent_to_the_login_page(client, queue_articles):
    response = client.get(QUEUE_URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_queue_is_listed_on_the_admin_index_for_translators_only(client, translator, board_member, db):
    client.force_login(translator)
    assert QUEUE_URL in client.get(reverse("admin:index")).content.decode()
    client.force_login(board_member)
    assert QUEUE_URL not in client.get(reverse("admin:index")).content.decode()


def test_queue_query_count_does_not_grow_with_articles(
    client, translator, db, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(translator)
    for _n in range(3):
        make_article()
    with django_assert_max_num_queries(20) as few:
        assert len(client.get(QUEUE_URL).context["rows"]) == 3
    for n in range(27):
        make_article(title_zh_hans=f"问题 {n}？", summary_zh_hans="是。")
        make_article()
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(QUEUE_URL)
    assert len(response.context["rows"]) == 30


def test_archived_articles_are_not_queued(client, translator, db):
    make_article("old-one", status="archived", published_at=timezone.now() - datetime.timedelta(days=9))
    client.force_login(translator)
    assert _rows(client.get(QUEUE_URL)) == set()
