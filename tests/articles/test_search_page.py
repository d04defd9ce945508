"""The search page: a box on every page, published articles only, escaped highlighted
snippets, pagination, and a fixed number of queries per results page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.articles.search_helpers import MEMOIZED
from tests.factories import make_article, make_topic


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/articles/", "/zh-hans/articles/", "/en/editorial-policy/"])
def test_every_page_has_a_search_box_leading_to_the_search_in_its_language(client, url):
    from articles.models import SitePage

    SitePage.objects.get_or_create(slug="editorial-policy", defaults={"title_en": "Policy", "body_en": "Text."})
    html = get(client, url)
    lang = url.split("/")[1]
    assert f'<form class="site-search" role="search" action="/{lang}/search/" method="get">' in html
    assert 'name="q"' in html


@pytest.mark.django_db
def test_search_lists_published_articles_with_the_words_marked(client):
    make_article("knee", title="Does a knee brace help?", summary="A knee brace can ease pain when walking.")
    make_article("draft", title="Knee brace draft?", summary="A knee brace draft.", status="draft")
    html = get(client, "/en/search/", q="brace")
    assert 'href="/en/articles/knee/"' in html
    assert "Does a knee <mark>brace</mark> help?" in html
    assert "A knee <mark>brace</mark> can ease pain when walking." in html
    assert "draft" not in html.lower().split("</header>", 1)[1]
    assert "1 article found for “brace”." in html


@pytest.mark.django_db
def test_article_text_and_query_are_escaped_before_marking(client):
    make_article(
        "xss",
        title="Is <script>alert(1)</script> a tablet?",
        summary="Take <img src=x onerror=alert(1)> with water.",
    )
    html = get(client, "/en/search/", q="<script>alert(1)</script> tablet")
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;" in html and "<mark>tablet</mark>" in html
    assert "<mark>alert</mark>" in html  # the words themselves are still found and marked


@pytest.mark.django_db
def test_chinese_only_article_is_found_from_the_english_page_and_marked_as_other_language(client):
    make_article("zh", lang="zh-hans", title="针灸能缓解腰痛吗？", summary="可能有小幅缓解。")
    html = get(client, "/en/search/", q="腰痛")
    assert 'href="/zh-hans/articles/zh/" lang="zh-hans"' in html
    assert "<mark>腰痛</mark>" in html
    assert "In another language" in html


@pytest.mark.django_db
def test_reader_language_comes_first(client):
    make_article("en-only", title="Aspirin aspirin aspirin for headache?", summary="Aspirin helps headache.")
    make_article("both", title="Is aspirin safe for children?", summary="No aspirin for children.",
                 title_zh_hans="儿童可以服用阿司匹林（aspirin）吗？", summary_zh_hans="儿童不宜服用 aspirin。")
    slugs = re.findall(r'search-result__title"><a href="/[a-z-]+/articles/([a-z-]+)/"', get(client, "/zh-hans/search/", q="aspirin"))
    assert slugs == ["both", "en-only"]


@pytest.mark.django_db
def test_empty_and_unmatched_queries_say_so(client):
    make_article("a", title="Is rest good?", summary="Yes.")
    assert "search-result" not in get(client, "/en/search/", q="")
    assert "No published article matches these words." in get(client, "/en/search/", q="zzzzqqq")


def count_queries(client, url, params):
    """Queries of the search, besides the glossary's (read once per content version, see
    test_search_glossary_memo.py), and the page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    queries = [q for q in captured.captured_queries if not MEMOIZED.search(q["sql"])]
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_results_are_paginated_twenty_a_page_with_constant_queries(client):
    topics = [make_topic(), make_topic()]
    for i in range(3):
        make_article(f"small-{i}", title=f"Small question {i} about sleep?", summary="Sleep well.", topics=topics)
    small, _html = count_queries(client, "/en/search/", {"q": "sleep"})
    for i in range(42):
        make_article(f"large-{i}", title=f"Large question {i} about sleep?", summary="Sleep well.", topics=topics)
    large, html = count_queries(client, "/en/search/", {"q": "sleep"})
    assert small == large
    assert html.count('class="search-result"') == 20
    assert "45 articles found" in html
    assert "Page 1 of 3" in html and 'href="/en/search/?page=2&amp;q=sleep"' in html
    last, html = count_queries(client, "/en/search/", {"q": "sleep", "page": 3})
    assert last == large - 1  # the ranked list of page 1 is reused (test_search_hits_shared.py)
    assert html.count('class="search-result"') == 5
