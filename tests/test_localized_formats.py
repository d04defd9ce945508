"""Dates on reader pages follow the reader's language (Django's formats, not a fixed pattern)."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from articles.models import Article, LanguageVersion
from tests.factories import make_article

UPDATED = datetime.datetime(2025, 3, 14, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def bilingual(db):
    article = make_article(
        "knee-dose", title="Which dose?", summary="High dose.", title_zh_hans="哪个剂量？", summary_zh_hans="高剂量。"
    )
    Article.objects.filter(pk=article.pk).update(content_updated_at=UPDATED)
    # Each language's page shows when its own text last changed.
    LanguageVersion.objects.filter(article=article).update(text_changed_at=UPDATED)
    return article


def test_chinese_article_page_shows_the_chinese_date(client, bilingual):
    html = client.get("/zh-hans/articles/knee-dose/").content.decode()
    assert '<time datetime="2025-03-14">2025年3月14日</time>' in html
    assert "March 14, 2025" not in html


def test_english_article_page_shows_the_english_date(client, bilingual):
    html = client.get("/en/articles/knee-dose/").content.decode()
    assert '<time datetime="2025-03-14">March 14, 2025</time>' in html
    assert "2025年3月14日" not in html


def test_article_index_dates_follow_the_language(client, bilingual):
    assert "2025年3月14日" in client.get("/zh-hans/articles/").content.decode()
    assert "March 14, 2025" in client.get("/en/articles/").content.decode()


def test_stale_note_date_follows_the_language(client, bilingual):
    article = Article.objects.get(pk=bilingual.pk)
    article.body_en = "New evidence."
    article.save()
    changed = timezone.localtime(article.language_versions.get(language="en").text_changed_at)
    with translation.override("zh-hans"):
        chinese = date_format(changed, "DATE_FORMAT")
    with translation.override("en"):
        english = date_format(changed, "DATE_FORMAT")
    assert chinese == f"{changed.year}年{changed.month}月{changed.day}日"
    html = client.get("/zh-hans/articles/knee-dose/").content.decode()
    note = re.search(r'class="fallback-note stale-note"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert chinese in note
    assert english not in html
