"""GET /api/v1/articles: published articles only, filtered by topic, language and date, paginated."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, LanguageVersion
from tests.factories import make_article, make_topic

URL = "/api/v1/articles"


def slugs(body):
    return [item["slug"] for item in body["items"]]


def test_lists_published_articles_never_drafts(api_get, db):
    make_article("published-one", title="Does ice help a sprained ankle?")
    make_article("a-draft", status="draft")
    make_article("scheduled", published_at=timezone.now() + datetime.timedelta(days=3))
    body = api_get(URL)
    assert slugs(body) == ["published-one"]
    item = body["items"][0]
    assert item["title"] == "Does ice help a sprained ankle?"
    assert item["url"] == "http://testserver/en/articles/published-one/"
    assert item["api_url"] == "http://testserver/api/v1/articles/published-one?lang=en"


def test_filter_by_topic(api_get, db):
    knee = make_topic("knee")
    make_article("on-knee", topics=[knee])
    make_article("elsewhere", topics=[make_topic("heart")])
    body = api_get(URL, topic="knee")
    assert slugs(body) == ["on-knee"]
    assert body["items"][0]["topics"] == [{"slug": "knee", "name": "Knee"}]


def test_unknown_topic_is_a_404_naming_it(api_get, db):
    body = api_get(URL, status=404, topic="nowhere")
    assert body["detail"] == "No topic with the slug 'nowhere'."


def test_filter_by_language_keeps_articles_readable_in_it(api_get, db):
    make_article("english-only", lang="en")
    make_article("chinese-only", lang="zh-hans", title="膝关节注射哪种剂量最好？")
    body = api_get(URL, lang="zh-hans")
    assert slugs(body) == ["chinese-only"]
    assert body["items"][0] | {"topics": None} == body["items"][0] | {
        "title": "膝关节注射哪种剂量最好？", "lang": "zh-hans", "is_fallback": False, "languages": ["zh-hans"],
        "url": "http://testserver/zh-hans/articles/chinese-only/", "topics": None,
    }


def test_without_language_a_chinese_only_article_is_listed_as_a_fallback(api_get, db):
    make_article("chinese-only", lang="zh-hans", title="膝关节注射哪种剂量最好？")
    (item,) = api_get(URL)["items"]
    assert (item["lang"], item["is_fallback"]) == ("zh-hans", True)


def test_filter_by_updated_since_uses_the_language_versions_date(api_get, db):
    old = make_article("old")
    make_article("new")
    LanguageVersion.objects.filter(article=old).update(
        text_changed_at=timezone.now() - datetime.timedelta(days=30)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert slugs(api_get(URL, updated_since=since)) == ["new"]
    assert slugs(api_get(URL)) == ["new", "old"], "newest text first"


def test_bad_date_is_a_400_that_names_the_parameter(api_get, db):
    body = api_get(URL, status=400, updated_since="last tuesday")
    assert body["detail"].startswith("updated_since:")


def test_unknown_language_is_a_400(api_get, db):
    body = api_get(URL, status=400, lang="fr")
    assert body["detail"].startswith("lang:")


def test_pages_hold_page_size_items_and_link_to_each_other(api_get, db):
    for n in range(5):
        make_article(f"article-{n}")
    first = api_get(URL, page_size=2)
    assert (first["count"], first["pages"], len(first["items"])) == (5, 3, 2)
    assert first["previous"] is None
    second = api_get(first["next"].removeprefix("http://testserver"))
    assert second["page"] == 2
    assert second["previous"] == "http://testserver/api/v1/articles?page_size=2&page=1"
    last = api_get(URL, page_size=2, page=3)
    assert last["next"] is None and len(last["items"]) == 1
    seen = slugs(first) + slugs(second) + slugs(last)
    assert sorted(seen) == [f"article-{n}" for n in range(5)]


def test_a_page_past_the_end_is_a_404(api_get, db):
    make_article()
    assert api_get(URL, status=404, page=2)["detail"] == "There is no page 2; the last page is 1."


def test_page_size_is_capped(api_get, db):
    assert api_get(URL, status=400, page_size=1000)["detail"].startswith("page_size:")


@pytest.mark.parametrize("gate", ["caution", "approval"])
def test_list_queries_do_not_grow_with_articles(client, db, settings, gate, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.REVIEW_GATE = gate

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured.captured_queries)

    make_article(topics=[make_topic()])
    small = count()
    for _ in range(6):
        make_article(topics=[make_topic(), make_topic()])
    assert count() == small
    assert Article.objects.count() == 7
