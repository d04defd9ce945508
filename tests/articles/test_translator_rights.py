"""Translators change the translated text of an article, nothing else: checked on the server."""

import pytest
from django.urls import reverse

from articles.editing import locking
from articles.models import Article, Authorship
from tests.articles.test_admin_article import form_data
from tests.factories import make_article, make_author, make_topic


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def article(db):
    topic = make_topic("knees")
    return make_article(
        "knee-question",
        title="Does rest help the knee?",
        summary="Yes.",
        status="draft",
        topics=[topic],
        authors=[make_author()],
    )


def _post_data(article, **overrides):
    """What the change form posts, with the lock token a browser sends back."""
    data = form_data(
        base_revision=locking.token_for(article),
        slug=article.slug,
        status=article.status,
        title_en=article.title_en,
        summary_en=article.summary_en,
        topics=[topic.pk for topic in article.topics.all()],
    )
    data.update(overrides)
    return data


def test_translator_saves_the_chinese_text(client, translator, article):
    client.force_login(translator)
    response = client.post(
        change_url(article),
        _post_data(article, title_zh_hans="休息对膝盖有帮助吗？", summary_zh_hans="有。", body_zh_hans="## 证据\n\n有。"),
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    article = Article.objects.get(pk=article.pk)
    assert article.body_zh_hans == "## 证据\n\n有。"
    assert article.title_zh_hans == "休息对膝盖有帮助吗？"


def test_translator_sees_metadata_read_only(client, translator, article):
    client.force_login(translator)
    response = client.get(change_url(article))
    assert response.status_code == 200
    form = response.context["adminform"].form
    for name in ("slug", "status", "topics"):
        assert name not in form.fields
    assert "body_zh_hans" in form.fields
    assert "title_en" in form.fields


def test_translators_forged_metadata_is_not_applied(client, translator, article):
    other = make_topic("hips")
    client.force_login(translator)
    response = client.post(
        change_url(article),
        _post_data(
            article,
            slug="a-new-slug",
            status="published",
            topics=[other.pk],
            summary_zh_hans="有。",
            title_zh_hans="问题？",
            **{
                "authorships-TOTAL_FORMS": "1",
                "authorships-0-position": "0",
                "authorships-0-author": str(make_author(name="Dr Forged").pk),
            },
        ),
    )
    assert response.status_code == 200  # refused: the form comes back with the reason
    assert "You may not publish or unpublish" in response.content.decode()
    saved = Article.objects.get(pk=article.pk)
    assert saved.slug == "knee-question"
    assert saved.status == "draft"
    assert saved.published_at is None
    assert [topic.slug for topic in saved.topics.all()] == ["knees"]
    assert Authorship.objects.filter(article=saved).count() == 1
    assert not Authorship.objects.filter(author__name="Dr Forged").exists()
    assert not saved.title_zh_hans  # nothing of a refused POST is saved


@pytest.mark.parametrize(
    "forged", [{"slug": "a-new-slug"}, {"status": "archived"}, {"topics": []}], ids=["slug", "status", "topics"]
)
def test_translators_forged_slug_status_or_topics_are_refused(client, translator, article, forged):
    client.force_login(translator)
    data = _post_data(article, title_zh_hans="问题？", summary_zh_hans="有。")
    data.update(forged)
    if forged.get("topics") == []:
        data["topics"] = ""
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "You may change only the text of an article" in response.content.decode()
    saved = Article.objects.get(pk=article.pk)
    assert (saved.slug, saved.status, saved.title_zh_hans or "") == ("knee-question", "draft", "")
    assert [topic.slug for topic in saved.topics.all()] == ["knees"]


def test_translators_post_without_the_read_only_fields_saves_the_text(client, translator, article):
    """What the browser sends: the read-only fields are not in the form at all."""
    client.force_login(translator)
    data = _post_data(article, title_zh_hans="问题？", summary_zh_hans="有。")
    for name in ("slug", "status", "topics"):
        data.pop(name)
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert saved.title_zh_hans == "问题？"
    assert [topic.slug for topic in saved.topics.all()] == ["knees"]


def test_editor_changes_metadata(editor_client, article):
    other = make_topic("hips")
    response = editor_client.post(
        change_url(article),
        _post_data(article, slug="renamed-question", status="published", topics=[other.pk]),
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    saved = Article.objects.get(pk=article.pk)
    assert saved.slug == "renamed-question"
    assert saved.status == "published"
    assert [topic.slug for topic in saved.topics.all()] == ["hips"]


def test_metadata_permission_is_given_to_editors_not_translators(editor, chief_editor, translator, board_member):
    assert editor.has_perm("articles.edit_article_metadata")
    assert chief_editor.has_perm("articles.edit_article_metadata")
    assert not translator.has_perm("articles.edit_article_metadata")
    assert not board_member.has_perm("articles.edit_article_metadata")
    assert translator.has_perm("articles.change_article")
    assert not translator.has_perm("articles.publish_article")
