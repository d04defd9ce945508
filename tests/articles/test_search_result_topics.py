"""Each search result lists its article's topics, in the reader's language, in slug order; the
topics are kept per content version, so a renamed, removed or new topic shows at once."""

import re

import pytest

from tests.factories import make_article, make_topic

TOPICS = re.compile(r'<ul class="search-result__topics"[^>]*>(.*?)</ul>')


def topics_listed(client, lang="en", q="knee"):
    response = client.get(f"/{lang}/search/", {"q": q})
    assert response.status_code == 200
    return [re.findall(r">([^<]+)</li>", found) for found in TOPICS.findall(response.content.decode())]


@pytest.fixture
def topics(db):
    return {
        "sport": make_topic("sport", name_en="Sport medicine", name_zh_hans="运动医学"),
        "ortho": make_topic("ortho", name_en="Orthopaedics"),
    }


@pytest.fixture
def article(topics):
    return make_article("knee", title="Does a brace help a knee?", summary="Sometimes.",
                        topics=[topics["sport"], topics["ortho"]])


def test_topics_are_listed_in_slug_order_in_the_readers_language(client, article):
    assert topics_listed(client) == [["Orthopaedics", "Sport medicine"]]
    assert topics_listed(client, lang="zh-hans") == [["Orthopaedics", "运动医学"]]


def test_a_renamed_topic_shows_its_new_name_at_once(client, article, topics):
    topics_listed(client)
    topics["ortho"].name_en = "Bones and joints"
    topics["ortho"].save()
    assert topics_listed(client) == [["Bones and joints", "Sport medicine"]]


def test_a_topic_taken_off_or_added_shows_at_once(client, article, topics):
    topics_listed(client)
    article.topics.remove(topics["sport"])
    assert topics_listed(client) == [["Orthopaedics"]]
    article.topics.add(make_topic("rehab", name_en="Rehabilitation"))
    assert topics_listed(client) == [["Orthopaedics", "Rehabilitation"]]


def test_two_results_sharing_a_topic_both_list_it(client, article, topics):
    make_article("knee-2", title="Does a knee need rest?", summary="Often.", topics=[topics["ortho"]])
    assert sorted(topics_listed(client)) == [["Orthopaedics"], ["Orthopaedics", "Sport medicine"]]
