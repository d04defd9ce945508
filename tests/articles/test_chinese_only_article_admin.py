"""An article written only in Chinese is edited in the admin without inventing an English text.

Each language version is optional; at least one must have a title and a key answer.
"""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from articles.models import Article
from tests.articles.test_admin_article import errors_of
from tests.articles.test_concurrent_edit import form_data_from

ZH_ONLY_FILE = """\
---
slug: knee-rest
lang: zh-hans
title: 休息对膝关节炎有帮助吗？
summary: 有帮助，但要配合锻练。
status: published
---
## 证据

休息可以减轻疼痛。
"""
NO_VERSION_MESSAGE = (
    "Give at least one language version both a title (the clinical question) and a key answer."
)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def imported(db, tmp_path):
    """A published article imported from a zh-hans file, with no English version."""
    path = tmp_path / "knee-rest.zh-hans.md"
    path.write_text(ZH_ONLY_FILE, encoding="utf-8")
    call_command("import_article", str(path), stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get(slug="knee-rest")
    assert article.languages() == ["zh-hans"]
    return article


@pytest.mark.parametrize("role", ["editor", "chief_editor", "translator"])
def test_a_typo_in_the_chinese_title_of_a_chinese_only_article_is_fixed(client, imported, request, role):
    client.force_login(request.getfixturevalue(role))
    page = client.get(change_url(imported))
    assert page.status_code == 200
    response = client.post(
        change_url(imported), form_data_from(page, title_zh_hans="休息对膝关节炎有帮助吗？（修订）")
    )
    assert response.status_code == 302, errors_of(response)
    saved = Article.objects.get(pk=imported.pk)
    assert saved.title_zh_hans == "休息对膝关节炎有帮助吗？（修订）"
    assert saved.summary_zh_hans == "有帮助，但要配合锻练。"
    assert not saved.title_en and not saved.summary_en  # no English text was needed
    assert saved.status == "published"


def test_the_chinese_only_change_form_asks_for_no_english_field(editor_client, imported):
    form = editor_client.get(change_url(imported)).context["adminform"].form
    assert not form.fields["title_en"].required
    assert not form.fields["summary_en"].required


def test_an_editor_adds_an_article_in_chinese_only(editor_client):
    page = editor_client.get(reverse("admin:articles_article_add"))
    data = form_data_from(page, slug="hip-pain", title_zh_hans="髋关节痛怎么办？", summary_zh_hans="先休息。")
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, errors_of(response)
    article = Article.objects.get(slug="hip-pain")
    assert article.languages() == ["zh-hans"]
    assert not article.title_en


def test_removing_the_only_version_is_refused_with_a_clear_message(editor_client, imported):
    page = editor_client.get(change_url(imported))
    response = editor_client.post(change_url(imported), form_data_from(page, title_zh_hans=""))
    assert response.status_code == 200
    errors = " ".join(errors_of(response))
    assert NO_VERSION_MESSAGE in errors
    assert "This field is required" not in errors
    assert Article.objects.get(pk=imported.pk).title_zh_hans == "休息对膝关节炎有帮助吗？"


def test_an_article_with_neither_version_cannot_be_added(editor_client):
    page = editor_client.get(reverse("admin:articles_article_add"))
    response = editor_client.post(reverse("admin:articles_article_add"), form_data_from(page, slug="empty"))
    assert response.status_code == 200
    errors = " ".join(errors_of(response))
    assert NO_VERSION_MESSAGE in errors
    assert "This field is required" not in errors
    assert not Article.objects.filter(slug="empty").exists()


def test_the_model_refuses_an_article_without_a_complete_version(db):
    article = Article(slug="half", title_zh_hans="只有标题？", summary_en="Only an answer.")
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert NO_VERSION_MESSAGE in refused.value.messages
    Article(slug="whole", title_zh_hans="问题？", summary_zh_hans="答案。").full_clean()


def test_the_database_refuses_an_article_without_a_complete_version(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(slug="half", title_zh_hans="只有标题？", summary_en="Only an answer.")
    assert not Article.objects.exists()
