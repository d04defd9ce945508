"""/sitemap.xml and /robots.txt, parsed as XML / text: every language version of every
published article with its own lastmod and hreflang alternates both ways; no drafts."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import LanguageVersion
from tests.factories import make_article, make_topic

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own response, in a test
    entries = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        entries[loc] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS) if link.get("rel") == "alternate"
            },
        }
    return entries


@pytest.fixture
def library(db):
    both = make_article("both", title="Both?", summary="Yes.", title_zh_hans="两种？", summary_zh_hans="是。",
                        topics=[make_topic("knees")])
    make_article("zh-only", lang="zh-hans", title="只有中文？", summary="是。")
    make_article("draft", title="Draft?", summary="No.", status="draft")
    make_article("later", title="Later?", summary="No.", published_at=timezone.now() + timedelta(days=3))
    # The Chinese text changed long after the English one.
    LanguageVersion.objects.filter(article=both, language="en").update(text_changed_at=timezone.now() - timedelta(days=400))
    return both


def test_each_language_version_is_listed_with_alternates_both_ways(client, library):
    entries = sitemap(client)
    en, zh = "http://testserver/en/articles/both/", "http://testserver/zh-hans/articles/both/"
    expected = {"en": en, "zh-hans": zh, "x-default": "http://testserver/articles/both/"}
    assert entries[en]["alternates"] == expected
    assert entries[zh]["alternates"] == expected


def test_lastmod_is_when_that_language_last_changed(client, library):
    entries = sitemap(client)
    assert entries["http://testserver/en/articles/both/"]["lastmod"] == library.text_updated_at("en").date().isoformat()
    assert entries["http://testserver/zh-hans/articles/both/"]["lastmod"] == timezone.now().date().isoformat()
    assert entries["http://testserver/en/articles/both/"]["lastmod"] != entries["http://testserver/zh-hans/articles/both/"]["lastmod"]


def test_one_language_article_is_listed_only_in_that_language(client, library):
    entries = sitemap(client)
    zh = "http://testserver/zh-hans/articles/zh-only/"
    assert entries[zh]["alternates"] == {"zh-hans": zh}
    assert "http://testserver/en/articles/zh-only/" not in entries


def test_drafts_and_scheduled_articles_never_appear(client, library):
    locations = " ".join(sitemap(client))
    assert "/articles/draft/" not in locations
    assert "/articles/later/" not in locations


def test_topics_and_site_pages_are_listed_in_every_language(client, library):
    entries = sitemap(client)
    for path in ("topics/knees/", "topics/", "articles/", "editorial-policy/"):
        for lang in ("en", "zh-hans"):
            assert f"http://testserver/{lang}/{path}" in entries


def test_robots_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
