"""/<lang>/feed/: a valid Atom feed per language of newly published and substantively
updated articles (an update note), the key answer and that language's notes as content."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import UpdateNote
from tests.factories import make_article

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def feed(client, lang):
    response = client.get(f"/{lang}/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own response, in a test
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    return [
        {
            "title": entry.findtext("a:title", namespaces=ATOM),
            "link": entry.find("a:link", ATOM).get("href"),
            "updated": entry.findtext("a:updated", namespaces=ATOM),
            "summary": entry.findtext("a:summary", namespaces=ATOM),
        }
        for entry in root.findall("a:entry", ATOM)
    ]


@pytest.fixture
def library(db):
    now = timezone.now()
    old = make_article("old", title="Old <question>?", summary="Old **answer** [@x].", title_zh_hans="旧问题？",
                       summary_zh_hans="旧答案。", published_at=now - timedelta(days=30))
    UpdateNote.objects.create(article=old, note_en="Added the 2026 trial.", note_zh_hans="增加了2026年的试验。",
                              created_at=now - timedelta(days=1))
    make_article("new", title="New question?", summary="New answer.", published_at=now - timedelta(days=5))
    make_article("zh-only", lang="zh-hans", title="只有中文？", summary="是。", published_at=now - timedelta(days=3))
    make_article("draft", title="Draft question?", summary="Secret.", status="draft")
    return old


def test_feed_lists_updated_then_new_articles_with_the_key_answer_and_notes(client, library):
    entries = feed(client, "en")
    assert [e["link"] for e in entries] == ["http://testserver/en/articles/old/", "http://testserver/en/articles/new/"]
    old = entries[0]
    assert old["title"] == "Old <question>?"
    assert "<p>Old answer.</p>" in old["summary"]
    assert "What changed" in old["summary"] and "Added the 2026 trial." in old["summary"]
    assert old["updated"].startswith((timezone.now() - timedelta(days=1)).date().isoformat())


def test_chinese_feed_has_chinese_entries_and_notes(client, library):
    entries = feed(client, "zh-hans")
    assert [e["title"] for e in entries] == ["旧问题？", "只有中文？"]
    assert "增加了2026年的试验。" in entries[0]["summary"]
    assert "Added the 2026 trial." not in entries[0]["summary"]


def test_drafts_never_appear_in_a_feed(client, library):
    for lang in ("en", "zh-hans"):
        assert all("draft" not in e["link"] for e in feed(client, lang))


def test_feed_text_is_escaped(client, library):
    entries = feed(client, "en")
    # The summary is HTML carried as text: the title's "<" arrives as text, never as markup.
    assert "<question>" not in entries[0]["summary"]


def test_a_withdrawn_note_neither_shows_nor_dates_an_entry(client, library):
    now = timezone.now()
    UpdateNote.objects.create(article=library, note_en="A claim taken back.", created_at=now - timedelta(hours=1),
                              withdrawn_at=now)
    old = feed(client, "en")[0]
    assert "A claim taken back." not in old["summary"]
    assert old["updated"].startswith((now - timedelta(days=1)).date().isoformat())


def test_an_old_article_with_a_new_note_leads_a_feed_of_many_newer_articles(client, library):
    now = timezone.now()
    for day in range(70):
        make_article(f"newer-{day}", published_at=now - timedelta(days=2, minutes=day))
    links = [e["link"] for e in feed(client, "en")]
    assert len(links) == 30
    assert links[0] == "http://testserver/en/articles/old/"
    assert links[1:] == [f"http://testserver/en/articles/newer-{day}/" for day in range(29)]


def test_a_feed_costs_the_same_queries_for_3_or_60_articles(client, library):
    with CaptureQueriesContext(connection) as small:
        feed(client, "en")
    now = timezone.now()
    for day in range(60):
        article = make_article(f"more-{day}", published_at=now - timedelta(days=day))
        UpdateNote.objects.create(article=article, note_en="Checked again.", created_at=now - timedelta(hours=day))
    with CaptureQueriesContext(connection) as large:
        feed(client, "en")
    assert len(small) == len(large)
