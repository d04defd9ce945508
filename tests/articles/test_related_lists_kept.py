"""The related articles of a page are ranked once and kept (RelatedList), then ranked again
after any change that may reorder them: topics or citations added or removed, an article
unpublished, published, scheduled to go live, or deleted. Readers always see the ranking of
the data as it is now; a page with its list kept makes no more queries for a busy topic."""

import datetime
import re
import time

import pytest
from django.utils import timezone

from articles.models import Article, RelatedList
from tests.factories import make_article, make_reference, make_topic
from tests.page_costs import rebuilt_page_queries


def related_titles(client, url="/en/articles/main/"):
    response = client.get(url)
    assert response.status_code == 200
    match = re.search(r'<section class="related".*?</section>', response.content.decode(), re.S)
    return re.findall(r"<li><a [^>]*>([^<]+)</a>", match.group(0)) if match else []


@pytest.fixture
def knee(db):
    return make_topic("knee", "Knee")


@pytest.fixture
def main(knee):
    make_reference("trial-a")
    return make_article("main", title="Main question?", summary="Answer [@trial-a].", topics=[knee])


def test_the_ranking_is_kept_after_the_first_reader(client, main, knee):
    make_article("other", title="Other knee question?", topics=[knee])
    assert related_titles(client) == ["Other knee question?"]
    assert RelatedList.objects.filter(article=main).exists()


def test_a_topic_added_or_removed_reorders_the_list(client, main, knee):
    hip = make_topic("hip", "Hip")
    make_article("older", title="Older?", topics=[knee], published_at=timezone.now() - datetime.timedelta(days=9))
    newer = make_article("newer", title="Newer?", topics=[knee])
    assert related_titles(client) == ["Newer?", "Older?"]
    Article.objects.get(slug="older").topics.add(hip)
    main.topics.add(hip)
    assert related_titles(client) == ["Older?", "Newer?"]
    main.topics.remove(knee)
    assert related_titles(client) == ["Older?"]
    main.topics.add(knee)
    newer.topics.clear()
    assert related_titles(client) == ["Older?"]


def test_a_topic_given_to_an_article_from_the_topic_side_counts(client, main, knee):
    other = make_article("other", title="Other?")
    assert related_titles(client) == []
    knee.articles.add(other)
    assert related_titles(client) == ["Other?"]
    knee.articles.remove(other)
    assert related_titles(client) == []


def test_a_citation_added_or_removed_reorders_the_list(client, main, knee):
    make_article("by-topic", title="By topic?", topics=[knee])
    citing = make_article("citing", title="Citing?", summary="No source yet.")
    assert related_titles(client) == ["By topic?"]
    citing.summary_en = "Yes [@trial-a]."
    citing.save()
    assert related_titles(client) == ["Citing?", "By topic?"]
    citing.summary_en = "No longer."
    citing.save()
    assert related_titles(client) == ["By topic?"]


def test_the_articles_own_citation_counts_once_it_cites_it(client, main, knee):
    make_reference("trial-b")
    make_article("b-citer", title="Cites trial B?", summary="See [@trial-b].")
    assert related_titles(client) == []
    main.summary_en = "Answer [@trial-a; @trial-b]."
    main.save()
    assert related_titles(client) == ["Cites trial B?"]


def test_unpublishing_and_publishing_an_article_changes_the_lists_it_is_in(client, main, knee):
    make_article("first", title="First?", topics=[knee], published_at=timezone.now() - datetime.timedelta(days=3))
    assert related_titles(client) == ["First?"]
    second = make_article("second", title="Second?", status="draft", topics=[knee])
    assert related_titles(client) == ["First?"]
    second.status = "published"
    second.save()
    assert related_titles(client) == ["Second?", "First?"]
    second.status = "draft"
    second.save()
    assert related_titles(client) == ["First?"]


def test_an_article_scheduled_for_later_joins_the_list_when_it_goes_live(client, main, knee):
    soon = timezone.now() + datetime.timedelta(seconds=1.5)
    make_article("later", title="Later?", topics=[knee], published_at=soon)
    assert related_titles(client) == []
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.2)  # no save when its time comes
    assert related_titles(client) == ["Later?"]


def test_a_deleted_article_leaves_the_lists(client, main, knee):
    for n in range(6):
        make_article(f"other-{n}", title=f"Other {n}?", topics=[knee],
                     published_at=timezone.now() - datetime.timedelta(days=n))
    assert related_titles(client) == [f"Other {n}?" for n in range(5)]
    Article.objects.get(slug="other-0").delete()
    assert not RelatedList.objects.filter(article=main).exists()  # ranked again, not just filtered
    assert related_titles(client) == [f"Other {n}?" for n in range(1, 6)]


def test_a_deleted_topic_leaves_the_lists(client, main, knee):
    make_article("other", title="Other?", topics=[knee])
    assert related_titles(client) == ["Other?"]
    knee.delete()
    assert related_titles(client) == []


def page_queries(client, url):
    """The page built again after a change elsewhere, once the related list is ranked and kept."""
    return len(rebuilt_page_queries(client, url))


def test_a_busy_topic_costs_no_more_queries(client, main, knee):
    url = "/en/articles/main/?persona=patient"
    make_article("one", topics=[knee])
    few = page_queries(client, url)
    for n in range(30):
        make_article(f"many-{n}", topics=[knee], summary="Cites it [@trial-a].")
    assert page_queries(client, url) == few
