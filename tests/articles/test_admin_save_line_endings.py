"""A browser submits textareas with CRLF line endings; imported text has LF. Saving an
imported, published article through the admin without touching its text changes no text:
same bytes stored, same "Last updated", no "Body" in the history, a stale translation stays
stale."""

import json
import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.browser_post import browser_post, demo_file, edited_copy, import_files, utc
from tests.factories import make_topic

SLUG = "msc-knee-dose"
IMPORTED = utc(2025, 3, 14, 12, 0)
ENGLISH_REVISED = utc(2025, 4, 2, 9, 30)
SCRIPT_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def imported(editor, tmp_path):
    """The demo article in both languages, then a revised English file: the Chinese
    translation is behind its original."""
    import_files(demo_file(SLUG, "en"), demo_file(SLUG, "zh-hans"), at=IMPORTED)
    revised = edited_copy(
        tmp_path, SLUG, "en", "usually taken from bone marrow or fat", "most often taken from bone marrow or fat"
    )
    import_files(revised, at=ENGLISH_REVISED)
    return Article.objects.get(slug=SLUG)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def date_modified(client, lang):
    html = client.get(f"/{lang}/articles/{SLUG}/").content.decode()
    (script,) = SCRIPT_RE.findall(html)
    return json.loads(script)["dateModified"]


def queue_states(client):
    rows = client.get(reverse("admin:articles_translationtask_changelist")).context["rows"]
    return {(row["article"].slug, row["language"]): row["state"] for row in rows}


def newest_history_summary(client, article):
    response = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    return response.context["action_list"][0]["changes"]


def test_topic_only_save_with_crlf_text_changes_no_text_and_no_dates(client, editor, imported):
    client.force_login(editor)
    assert "\r" not in imported.body_en and "\r" not in imported.body_zh_hans
    stored = {lang: imported.text("body", lang) for lang in ("en", "zh-hans")}
    updated = imported.content_updated_at
    dates = {lang: date_modified(client, lang) for lang in ("en", "zh-hans")}
    assert queue_states(client)[(SLUG, "zh-hans")] == "stale"

    page = client.get(change_url(imported))
    data = browser_post(page)
    assert "\r\n" in data["body_en"] and "\r\n" in data["body_zh_hans"]
    data["topics"] = [*data.get("topics", []), str(make_topic("pain").pk)]
    response = client.post(change_url(imported), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    article = Article.objects.get(pk=imported.pk)
    assert "pain" in {topic.slug for topic in article.topics.all()}
    assert {lang: article.text("body", lang) for lang in ("en", "zh-hans")} == stored
    assert article.content_updated_at == updated
    assert {lang: date_modified(client, lang) for lang in ("en", "zh-hans")} == dates
    assert newest_history_summary(client, article) == "Topics"
    assert queue_states(client)[(SLUG, "zh-hans")] == "stale"


def test_saving_any_demo_article_with_only_an_update_note_keeps_its_text_and_date(client, editor):
    slugs = ["msc-knee-dose", "glucosamine-knee-oa", "metformin-contrast-ct"]
    import_files(*[demo_file(slug, lang) for slug in slugs for lang in ("en", "zh-hans")], at=IMPORTED)
    client.force_login(editor)
    for article in Article.objects.filter(slug__in=slugs):
        page = client.get(change_url(article))
        data = browser_post(page, update_note_en="Wording checked.")
        assert client.post(change_url(article), data).status_code == 302
        saved = Article.objects.get(pk=article.pk)
        assert saved.reader_visible_state() == article.reader_visible_state(), article.slug
        assert saved.content_updated_at == IMPORTED, article.slug
