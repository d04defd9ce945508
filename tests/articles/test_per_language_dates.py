"""Each language version has its own "Last updated": editing the English text moves the
date (and JSON-LD dateModified) of the English page only; a page showing another language's
text as a fallback shows that text's date."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.browser_post import browser_post, demo_file, import_files, utc

SLUG = "msc-knee-dose"
IMPORTED = utc(2025, 3, 14, 12, 0)
SCRIPT_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
LAST_UPDATED_RE = re.compile(r'class="article-meta">\s*<span>[^<]*<time datetime="([0-9-]+)">')
REQUIRED_KEYS = {"@context", "@type", "name", "inLanguage", "dateModified", "url", "audience", "citation"}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def page_dates(client, lang, slug=SLUG):
    """(the "Last updated" date shown, the JSON-LD object) of an article page."""
    html = client.get(f"/{lang}/articles/{slug}/").content.decode()
    (script,) = SCRIPT_RE.findall(html)
    return LAST_UPDATED_RE.search(html).group(1), json.loads(script)


def index_date(client, lang, slug=SLUG):
    html = client.get(f"/{lang}/articles/").content.decode()
    card = re.search(rf'href="/{lang}/articles/{slug}/".*?<time datetime="([0-9-]+)">', html, re.S)
    return card.group(1)


def today():
    return timezone.localdate().isoformat()


def edit_in_admin(client, article, **typed):
    page = client.get(change_url(article))
    response = client.post(change_url(article), browser_post(page, **typed))
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.fixture
def bilingual(editor):
    import_files(demo_file(SLUG, "en"), demo_file(SLUG, "zh-hans"), at=IMPORTED)
    return Article.objects.get(slug=SLUG)


def test_editing_only_english_moves_the_english_date_not_the_chinese_one(client, editor, bilingual):
    client.force_login(editor)
    chinese_before, chinese_ld_before = page_dates(client, "zh-hans")
    assert chinese_before == "2025-03-14"
    assert chinese_ld_before["dateModified"] == IMPORTED.isoformat()

    english_title = bilingual.title_en.replace("best dose", "most effective dose")
    edit_in_admin(client, bilingual, title_en=english_title)

    chinese_after, chinese_ld = page_dates(client, "zh-hans")
    assert (chinese_after, chinese_ld) == (chinese_before, chinese_ld_before)
    english_after, english_ld = page_dates(client, "en")
    assert english_after == today()
    assert datetime.datetime.fromisoformat(english_ld["dateModified"]) > IMPORTED
    assert english_ld["name"] == english_title
    for data, lang in ((english_ld, "en"), (chinese_ld, "zh-hans")):
        assert data.keys() >= REQUIRED_KEYS
        assert data["@type"] == "MedicalWebPage" and data["inLanguage"] == lang
        assert "lastReviewed" not in data and "reviewedBy" not in data
    assert index_date(client, "zh-hans") == "2025-03-14"
    assert index_date(client, "en") == today()


def test_fallback_page_shows_the_date_of_the_text_it_shows(client, editor):
    """An English article whose Chinese translation was only begun (a title, no key answer):
    /zh-hans/ shows the English text, so the English text's date."""
    import_files(demo_file(SLUG, "en"), at=IMPORTED)
    article = Article.objects.get(slug=SLUG)
    client.force_login(editor)
    edit_in_admin(client, article, title_zh_hans="膝关节注射间充质干细胞，用多大剂量最合适？")

    shown, data = page_dates(client, "zh-hans")
    assert data["inLanguage"] == "en"
    assert (shown, data["dateModified"]) == ("2025-03-14", IMPORTED.isoformat())
    assert index_date(client, "zh-hans") == "2025-03-14"
