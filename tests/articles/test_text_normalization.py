"""The same text is always stored as the same bytes (LF line endings, nothing blank around
it), whoever writes it, and a difference only in that is never a change readers see."""

import reversion
from django.urls import reverse
from reversion.models import Version

from articles.editing import history
from articles.models import Article, SitePage
from tests.browser_post import browser_post, demo_file, import_files, utc
from tests.factories import make_topic

IMPORTED = utc(2025, 3, 14, 12, 0)


def imported_article(editor):
    import_files(demo_file("msc-knee-dose", "en"), demo_file("msc-knee-dose", "zh-hans"), at=IMPORTED)
    return Article.objects.get(slug="msc-knee-dose")


def language_dates(article):
    return {v.language: (v.text_changed_at, v.source_changed_at) for v in article.language_versions.all()}


def test_text_saved_from_code_is_stored_with_unix_line_endings(editor):
    article = imported_article(editor)
    article.body_en = "\r\n\r\n## Dose\r\n\r\nOne line  \r\nends in a hard break.\rLast line.  \r\n"
    article.summary_zh_hans = "剂量。\r\n"
    article.save()
    stored = Article.objects.get(pk=article.pk)
    assert stored.body_en == "## Dose\n\nOne line  \nends in a hard break.\nLast line."
    assert stored.summary_zh_hans == "剂量。"


def test_a_line_ending_only_change_from_code_moves_no_date(editor):
    article = imported_article(editor)
    dates = language_dates(article)
    article.body_en = article.body_en.replace("\n", "\r\n") + "\r\n"
    article.title_zh_hans = f"\n{article.title_zh_hans}  "
    article.save()
    stored = Article.objects.get(pk=article.pk)
    assert stored.content_updated_at == IMPORTED
    assert language_dates(stored) == dates
    assert "\r" not in stored.body_en


def test_a_row_stored_with_crlf_before_is_not_changed_by_saving_it_again(editor):
    article = imported_article(editor)
    dates = language_dates(article)
    Article.objects.filter(pk=article.pk).update(body_zh_hans=article.body_zh_hans.replace("\n", "\r\n"))
    stored = Article.objects.get(pk=article.pk)
    stored.status = Article.Status.ARCHIVED
    stored.save()
    stored = Article.objects.get(pk=article.pk)
    assert stored.body_zh_hans == article.body_zh_hans
    assert stored.content_updated_at == IMPORTED
    assert language_dates(stored) == dates


def test_history_does_not_list_a_line_ending_only_difference():
    old = {"body_en": "## A\n\nText.", "summary_en": "Yes.", "status": "published"}
    new = {"body_en": "## A\r\n\r\nText.\r\n", "summary_en": "Yes.  ", "status": "published"}
    assert history.changed_fields(old, new) == []
    hard_break = {**new, "body_en": "## A\n\nText.  \nMore."}
    assert history.changed_fields(old, hard_break) == [("body", "en")]


def test_admin_keeps_a_markdown_hard_break_and_stores_lf(editor_client, editor):
    article = imported_article(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    typed = article.body_en + "\n\nFirst line  \nsecond line after a hard break."
    data = browser_post(editor_client.get(url), body_en=typed)
    assert data["body_en"].endswith("First line  \r\nsecond line after a hard break.")
    assert editor_client.post(url, data).status_code == 302
    assert Article.objects.get(pk=article.pk).body_en == typed


def test_site_page_saved_in_the_admin_keeps_its_body_bytes(editor_client):
    policy = SitePage.objects.get(slug=SitePage.EDITORIAL_POLICY)
    assert "\n" in policy.body_en and "\r" not in policy.body_en
    url = reverse("admin:articles_sitepage_change", args=[policy.pk])
    data = browser_post(editor_client.get(url), title_en="Our editorial policy")
    assert "\r\n" in data["body_en"]
    assert editor_client.post(url, data).status_code == 302
    stored = SitePage.objects.get(pk=policy.pk)
    assert stored.title_en == "Our editorial policy"
    assert (stored.body_en, stored.body_zh_hans) == (policy.body_en, policy.body_zh_hans)


def test_topic_posted_back_unchanged_with_crlf_makes_no_revision(editor_client):
    with reversion.create_revision():
        topic = make_topic("knee", description_en="Knees.\n\nAnd what hurts in them.")
    url = reverse("admin:articles_topic_change", args=[topic.pk])
    data = browser_post(editor_client.get(url))
    assert data["description_en"] == "Knees.\r\n\r\nAnd what hurts in them."
    assert editor_client.post(url, data).status_code == 302
    assert Version.objects.get_for_object(topic).count() == 1
    assert type(topic).objects.get(pk=topic.pk).description_en == "Knees.\n\nAnd what hurts in them."
