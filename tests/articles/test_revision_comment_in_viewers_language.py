"""A revision's comment ("Changed Title.") is worded in the language of whoever reads the
history, not of whoever saved: a Chinese editor's save showed "已修改……" to English readers,
and an English editor's save showed English in the Chinese admin."""

import reversion
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from references.models import Reference
from tests.articles.test_concurrent_edit import change_url, form_data_from
from tests.articles.test_revision_numbers import history_rows
from tests.factories import make_article, make_reference


def save_in(client, lang, url, **changes):
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    response = client.post(url, form_data_from(page, **changes), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 302


def newest_comment(client, article, lang):
    """The comment of the newest row of the article's history, read in ``lang``."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = lang
    try:
        return history_rows(client, article)[0][2]
    finally:
        del client.defaults["HTTP_ACCEPT_LANGUAGE"]


def test_a_chinese_editors_save_reads_in_english_in_the_english_history(editor_client):
    article = make_article(slug="knee", title_zh_hans="膝关节", summary_zh_hans="休息。")
    with reversion.create_revision():
        article.save()
    save_in(editor_client, "zh-hans", change_url(article), summary_zh_hans="多休息。")

    english = newest_comment(editor_client, article, "en")
    assert english.startswith("Changed ") and "已" not in english
    assert newest_comment(editor_client, article, "zh-hans").startswith("已修改")


def test_an_english_editors_save_reads_in_chinese_in_the_chinese_history(editor_client):
    article = make_article(slug="knee")
    with reversion.create_revision():
        article.save()
    save_in(editor_client, "en", change_url(article), summary_en="Rest, mostly.")

    assert newest_comment(editor_client, article, "zh-hans").startswith("已修改")
    assert newest_comment(editor_client, article, "en").startswith("Changed ")


def test_a_reference_saved_in_chinese_reads_in_english(editor_client):
    reference = make_reference("smith2024", title="Knee trial")
    url = reverse("admin:references_reference_change", args=[reference.pk])
    save_in(editor_client, "zh-hans", url, title="Knee trial, two years on")

    revision = Version.objects.get_for_object(Reference.objects.get(pk=reference.pk)).first().revision
    with translation.override("en"):
        assert revision.get_comment().startswith("Changed ")
    with translation.override("zh-hans"):
        assert revision.get_comment().startswith("已修改")


def test_the_changed_field_of_one_language_is_named_in_the_chinese_history(editor_client):
    article = make_article(slug="knee", title_zh_hans="膝关节", summary_zh_hans="休息。")
    with reversion.create_revision():
        article.save()
    save_in(editor_client, "zh-hans", change_url(article), summary_zh_hans="多休息。")

    assert newest_comment(editor_client, article, "zh-hans") == "已修改核心解答 [zh-hans]。"
    assert newest_comment(editor_client, article, "en") == "Changed Key answer [zh-hans]."


def test_every_translated_fields_label_has_a_chinese_name():
    """What modeltranslation builds ("Key answer [zh-hans]") is what the comment stores; the
    catalogue must name each one, or the Chinese history shows it in English."""
    from django.utils.text import capfirst
    from modeltranslation.translator import translator

    untranslated = []
    for model in translator.get_registered_models(abstract=False):
        for fields in translator.get_options_for_model(model).all_fields.values():
            for field in fields:
                with translation.override(None):
                    stored = capfirst(str(field.verbose_name))
                with translation.override("zh-hans"):
                    shown = translation.gettext(stored)
                if shown == stored:
                    untranslated.append(f"{model.__name__}.{field.name}: {stored}")
    assert not untranslated, "add to locale/zh_Hans/LC_MESSAGES/django.po:\n  " + "\n  ".join(untranslated)
