"""What a reader request costs. A page from the response cache: no query at all (two cache
reads: the content version, then the page). A page built again after a save: no Markdown
read, because the saved article was rendered for every language and persona after its
transaction committed (prerender.py) and the keys a text cites are kept under its hash."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import GlossaryTerm
from articles.rendering import markdown
from tests.factories import make_article, make_reference, make_topic

PERSONAS = ["patient", "caregiver", "physician"]


@pytest.fixture
def markdown_parses(monkeypatch):
    """Every Markdown parse (citation keys, checks and renders all go through markdown.parse)."""
    calls = []
    real_parse = markdown.parse

    def counting_parse(summary, body):
        calls.append(body[:20])
        return real_parse(summary, body)

    monkeypatch.setattr(markdown, "parse", counting_parse)
    return calls


def knee_article():
    make_reference("smith-2020")
    GlossaryTerm.objects.create(term_en="cartilage", lay_explanation_en="the smooth tissue in joints",
                                term_zh_hans="软骨", lay_explanation_zh_hans="关节里光滑的组织")
    return make_article("knee", summary="Maybe [@smith-2020].", body="## Evidence\n\nThe cartilage may regrow.",
                        title_zh_hans="细胞对膝盖有帮助吗？", summary_zh_hans="也许 [@smith-2020]。",
                        body_zh_hans="软骨也许会再生。")


@pytest.fixture
def article(db):
    return knee_article()


@pytest.mark.parametrize("url", ["/en/articles/knee/?persona=physician", "/zh-hans/articles/knee/",
                                 "/en/articles/", "/en/topics/", "/en/editorial-policy/"])
def test_a_cached_page_costs_no_query(client, article, url):
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and response["X-Response-Cache"] == "hit"
    assert len(queries) == 0


def test_after_a_save_readers_pages_are_built_without_reading_markdown(
    client, db, markdown_parses, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the save's transaction commits
        knee_article()
    assert markdown_parses, "the save rendered nothing"
    markdown_parses.clear()
    for lang in ("en", "zh-hans"):
        for code in PERSONAS:
            response = client.get(f"/{lang}/articles/knee/?persona={code}")
            assert response.status_code == 200 and response["X-Response-Cache"] == "miss"
    assert "the smooth tissue in joints" in client.get("/en/articles/knee/?persona=patient").content.decode()
    assert markdown_parses == []


def test_a_page_built_again_with_its_render_cached_reads_no_markdown(client, article, markdown_parses):
    url = "/en/articles/knee/?persona=patient"
    cache.clear()  # no render of this text kept from another test
    client.get(url)  # the first reader renders (nothing prerendered: the test's transaction never commits)
    assert markdown_parses
    article.topics.add(make_topic())  # nothing of the text changes, but the content version
    markdown_parses.clear()  # does: the page is built again
    response = client.get(url)
    assert response["X-Response-Cache"] == "miss"
    assert markdown_parses == []
