"""What a reader's article page costs once its response is no longer cached (after any edit on
the site) but its text's render is, whatever the size of the site. The first of the article's
pages in a content version: eight queries (the article with its kept related list, its
topics, language versions, update notes and authors; the cited sources; the related
articles' titles and dates; the review state), and the personas and, for lay readers, the
glossary, read once per version. Its other pages in that version (another persona, another
language) share what they have in common (response_cache.shared): no query for another
persona. A change shows on all of them at once."""

import pytest

from articles.models import Authorship
from articles.rendering.prerender import prerender_article
from tests.factories import make_article, make_author, make_reference, make_topic
from tests.page_costs import page_queries, rebuilt_page_queries


@pytest.fixture
def article(db):
    knee = make_topic("knee", "Knee")
    make_reference("trial-a")
    article = make_article("main", summary="Maybe [@trial-a].", topics=[knee])
    Authorship.objects.create(article=article, author=make_author("Dr Lee"), position=0)
    make_article("other", title="Other knee question?", summary="Also [@trial-a].", topics=[knee])
    return article


@pytest.mark.parametrize("persona, expected", [("patient", 10), ("physician", 9)])
def test_the_first_page_built_again_costs_eight_queries_and_the_personas_and_glossary(
    client, article, persona, expected
):
    assert len(rebuilt_page_queries(client, f"/en/articles/main/?persona={persona}")) == expected


def test_the_articles_page_for_another_persona_then_costs_no_query(client, article):
    # Every persona's render is kept when the article is saved (after the commit, which the
    # test's transaction never reaches): without this, the test passed only after an earlier
    # test had rendered this text for physicians.
    prerender_article(article)
    rebuilt_page_queries(client, "/en/articles/main/?persona=patient")
    assert page_queries(client, "/en/articles/main/?persona=physician") == []


def test_a_busy_site_costs_the_same(client, article):
    url = "/en/articles/main/?persona=patient"
    few = rebuilt_page_queries(client, url)
    knee = article.topics.get()
    for n in range(25):
        make_article(f"more-{n}", summary="Cites it [@trial-a].", topics=[knee])
    assert len(rebuilt_page_queries(client, url)) == len(few)


def test_a_change_shows_at_once_on_the_pages_sharing_what_was_read(client, article):
    assert "Other knee question?" in client.get("/en/articles/main/?persona=patient").content.decode()
    other = article.__class__.objects.get(slug="other")
    other.title_en = "Other knee question, renamed?"
    other.save()
    page = client.get("/en/articles/main/?persona=physician").content.decode()
    assert "Other knee question, renamed?" in page
    article.title_en = "Main question, renamed?"
    article.save()
    assert "Main question, renamed?" in client.get("/en/articles/main/?persona=caregiver").content.decode()
