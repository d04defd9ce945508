"""Translators edit and restore the text of PUBLISHED articles (status stays as it is)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.articles.test_admin_article import errors_of
from tests.articles.test_concurrent_edit import form_data_from

EN_FILE = """\
---
slug: knee-rest
lang: en
title: Does rest help knee arthritis?
summary: It helps, together with exercise.
status: published
---
## Evidence

Rest eases the pain.
"""
ZH_FILE = """\
---
slug: knee-rest
lang: zh-hans
title: 休息对膝关节炎有帮助吗？
summary: 有帮助，但要配合锻练。
---
## 证据

休息可以减轻疼痛。
"""


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def revert_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


@pytest.fixture
def published(db, tmp_path):
    """A published article imported in English and Chinese (one revision)."""
    paths = []
    for name, text in (("knee-rest.en.md", EN_FILE), ("knee-rest.zh-hans.md", ZH_FILE)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    call_command("import_article", *paths, stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get(slug="knee-rest")
    assert article.status == "published" and article.published_at is not None
    return article


def test_translator_saves_the_chinese_title_and_body_of_a_published_article(client, translator, published):
    published_at = published.published_at
    client.force_login(translator)
    page = client.get(change_url(published))
    response = client.post(
        change_url(published),
        form_data_from(
            page, title_zh_hans="休息对膝骨关节炎有帮助吗？", body_zh_hans="## 证据\r\n\r\n休息能减轻疼痛。"
        ),
    )
    assert response.status_code == 302, errors_of(response)
    saved = Article.objects.get(pk=published.pk)
    assert saved.title_zh_hans == "休息对膝骨关节炎有帮助吗？"
    assert saved.body_zh_hans.replace("\r\n", "\n") == "## 证据\n\n休息能减轻疼痛。"
    assert (saved.status, saved.published_at, saved.slug) == ("published", published_at, "knee-rest")
    assert saved.title_en == "Does rest help knee arthritis?"


def test_translator_restores_an_earlier_text_of_a_published_article(client, editor, translator, published):
    first = Version.objects.get_for_object(published).get()
    client.force_login(editor)
    page = client.get(change_url(published))
    edited = client.post(change_url(published), form_data_from(page, summary_zh_hans="有帮助。"))
    assert edited.status_code == 302, errors_of(edited)

    client.force_login(translator)
    page = client.get(revert_url(published, first))
    assert page.status_code == 200
    response = client.post(revert_url(published, first), form_data_from(page))
    assert response.status_code == 302, errors_of(response)
    saved = Article.objects.get(pk=published.pk)
    assert saved.summary_zh_hans == "有帮助，但要配合锻练。"
    assert (saved.status, saved.slug) == ("published", "knee-rest")
    assert Version.objects.get_for_object(saved).first().revision.user == translator
