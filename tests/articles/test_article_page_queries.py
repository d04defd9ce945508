"""What a reader's article page costs once its response is no longer cached (after any edit on
the site) but its text's render is: eight queries, whatever the size of the site. The article
with its kept related list, its topics, language versions, update notes and authors; the
cited sources; the related articles' titles and dates; the review state."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Authorship
from tests.factories import make_article, make_author, make_reference, make_topic


def page_queries(client, url):
    client.get(f"{url}&first=1")  # the first reader renders and ranks; what is kept stays
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and response["X-Response-Cache"] == "miss"
    return [query["sql"] for query in queries.captured_queries]


@pytest.fixture
def article(db):
    knee = make_topic("knee", "Knee")
    make_reference("trial-a")
    article = make_article("main", summary="Maybe [@trial-a].", topics=[knee])
    Authorship.objects.create(article=article, author=make_author("Dr Lee"), position=0)
    make_article("other", summary="Also [@trial-a].", topics=[knee])
    return article


@pytest.mark.parametrize("persona", ["patient", "physician"])
def test_a_page_built_again_costs_eight_queries(client, article, persona):
    assert len(page_queries(client, f"/en/articles/main/?persona={persona}")) == 8


def test_a_busy_site_costs_the_same(client, article):
    url = "/en/articles/main/?persona=patient"
    few = page_queries(client, url)
    knee = article.topics.get()
    for n in range(25):
        make_article(f"more-{n}", summary="Cites it [@trial-a].", topics=[knee])
    assert len(page_queries(client, url)) == len(few)
