"""The stored translation queue (TranslationTask rows) always says what its rule says, after
every kind of change of the articles and their language versions."""

import reversion
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from articles.editing.translation_queue import refresh, translation_tasks
from articles.models import Article, LanguageVersion, TranslationTask
from tests.articles.imported_article import import_bilingual_article
from tests.articles.test_concurrent_edit import form_data_from
from tests.factories import make_article


def stored():
    return {
        (task.article_id, task.language, task.slug, task.missing, task.since)
        for task in TranslationTask.objects.all()
    }


def by_rule():
    return {
        (row["pk"], row["lang"], row["slug"], row["missing"], row["since"])
        for row in translation_tasks(Article.objects.all())
    }


def queue():
    """(slug, language, missing) of the stored rows, checked against the rule first."""
    assert stored() == by_rule()
    return {(slug, lang, missing) for _pk, lang, slug, missing, _since in stored()}


def _reload(article):
    return Article.objects.get(pk=article.pk)


def test_a_new_article_queues_its_missing_translation(db):
    make_article("only-english")
    make_article("both", title_zh_hans="两种？", summary_zh_hans="是。")
    assert queue() == {("only-english", "zh-hans", True)}


def test_editing_the_original_queues_the_translation_and_translating_takes_it_off(db):
    article = make_article("both", title_zh_hans="两种？", summary_zh_hans="是。")
    article = _reload(article)
    article.summary_en = "Yes, mostly."
    article.save()
    assert queue() == {("both", "zh-hans", False)}
    since = TranslationTask.objects.get().since
    assert since == LanguageVersion.objects.get(article=article, language="en").text_changed_at
    article = _reload(article)
    article.summary_zh_hans = "大多是。"
    article.save()
    assert queue() == set()


def test_archiving_takes_the_rows_off_and_unarchiving_puts_them_back(db):
    article = make_article("to-archive")
    article.status = Article.Status.ARCHIVED
    article.save()
    assert queue() == set()
    article.status = Article.Status.DRAFT
    article.save()
    assert queue() == {("to-archive", "zh-hans", True)}


def test_a_new_slug_moves_the_row(db):
    article = make_article("old-slug")
    article.slug = "new-slug"
    article.save()
    assert queue() == {("new-slug", "zh-hans", True)}


def test_deleting_language_versions_and_articles(db):
    article = make_article("both", title_zh_hans="两种？", summary_zh_hans="是。")
    other = make_article("other", title_zh_hans="别的？", summary_zh_hans="是。")
    LanguageVersion.objects.get(article=article, language="zh-hans").delete()
    assert queue() == {("both", "zh-hans", True)}
    LanguageVersion.objects.filter(article=other, language="zh-hans").delete()
    assert queue() == {("both", "zh-hans", True), ("other", "zh-hans", True)}
    article.delete()
    Article.objects.filter(pk=other.pk).delete()
    assert queue() == set()


def test_a_raw_save_of_a_language_version_refreshes_the_row(db):
    """As reversion and loaddata save: without Article.save."""
    article = make_article("both", title_zh_hans="两种？", summary_zh_hans="是。")
    chinese = LanguageVersion.objects.get(article=article, language="zh-hans")
    chinese.source_changed_at = None
    chinese.save_base(raw=True)
    assert queue() == {("both", "zh-hans", False)}


def test_import_revert_and_recovery_keep_the_queue(client, editor, chief_editor, tmp_path):
    article = import_bilingual_article(tmp_path, "editor")
    imported = Version.objects.get_for_object(article).get()
    assert queue() == set()
    with reversion.create_revision():
        article = _reload(article)
        article.summary_en = "Two injections of 5.0×10^7 cells."
        article.save()
    assert queue() == {("knee-cells", "zh-hans", False)}

    client.force_login(editor)
    revert_url = reverse("admin:articles_article_revision", args=[article.pk, imported.pk])
    assert client.post(revert_url, form_data_from(client.get(revert_url))).status_code == 302
    assert queue() == set()
    with reversion.create_revision():
        article = _reload(article)
        article.summary_en = "Three injections."
        article.save()
    assert queue() == {("knee-cells", "zh-hans", False)}

    client.force_login(chief_editor)
    assert client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}).status_code == 302
    assert queue() == set() and not Article.objects.exists()
    deleted = Version.objects.get_deleted(Article).get()
    recover_url = reverse("admin:articles_article_recover", args=[deleted.pk])
    assert client.post(recover_url, form_data_from(client.get(recover_url))).status_code == 302
    assert Article.objects.filter(slug="knee-cells").exists()
    assert queue() == {("knee-cells", "zh-hans", False)}


def test_refresh_of_every_article_rebuilds_a_lost_queue(db):
    make_article("only-english")
    TranslationTask.objects.all().delete()
    refresh()
    assert queue() == {("only-english", "zh-hans", True)}


def test_load_demo_fills_the_queue_as_the_rule_says(db):
    call_command("load_demo", verbosity=0)
    assert stored() == by_rule()
