"""Restoring a revision (revert) or a deleted article (recover) needs the rights the change
would need if made by hand: checked before anything is written, refused with a message."""

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Authorship
from articles.staff.roles import ensure_roles
from tests.articles.test_concurrent_edit import form_data_from
from tests.factories import make_article, make_author, make_topic

KINDS = ("text", "status", "slug_and_topics", "authors")
# Which revert of a published article each role may make.
ALLOWED = {
    "editor": set(KINDS),
    "chief_editor": set(KINDS),
    "translator": {"text"},
    "board_member": set(),
    "outsider": set(),
}
REFUSAL_MESSAGES = {
    "status": "Restoring this revision would change: status. You may not publish or unpublish articles",
    "slug_and_topics": "Restoring this revision would change: slug, topics. You may change only the text",
    "authors": "Restoring this revision would change: authors. You may change only the text",
}
BOARD_MESSAGE = "You may read the history of this article but not restore one of its revisions."


def revert_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def stored(article_pk):
    """What readers and editors would find: the article's row, topics and authors."""
    article = Article.objects.get(pk=article_pk)
    return {
        "status": article.status,
        "slug": article.slug,
        "summary_en": article.summary_en,
        "summary_zh_hans": article.summary_zh_hans,
        "topics": [topic.slug for topic in article.topics.all()],
        "authors": [authorship.author.name for authorship in article.authorships.all()],
    }


def published_article_with_history(kind, editor):
    """A PUBLISHED article and its earlier revision, which differs from it in ``kind``."""
    knee, hip = make_topic(slug="knee"), make_topic(slug="hip")
    dr_a, dr_b = make_author(name="Dr A"), make_author(name="Dr B")
    with reversion.create_revision():
        article = make_article(
            slug="knee-rest-old" if kind == "slug_and_topics" else "knee-rest",
            title="Does rest help knee arthritis?",
            summary="It helps, with exercise.",
            title_zh_hans="休息对膝关节炎有帮助吗？",
            summary_zh_hans="有帮助，但要配合锻练。",
            status="draft" if kind == "status" else "published",
            topics=[knee],
            authors=[dr_a],
        )
        reversion.set_user(editor)
    with reversion.create_revision():
        article.summary_en, article.summary_zh_hans = "It helps.", "有帮助。"
        article.status = "published"
        article.slug = "knee-rest"
        article.save()
        if kind == "slug_and_topics":
            article.topics.set([hip])
        if kind == "authors":
            article.authorships.all().delete()
            Authorship.objects.create(article=article, author=dr_b, position=0)
        reversion.add_to_revision(article)
        reversion.set_user(editor)
    assert article.status == "published"
    earlier = Version.objects.get_for_object(article).order_by("pk").first()
    return article, earlier


def restored_state(kind):
    return {
        "status": "draft" if kind == "status" else "published",
        "slug": "knee-rest-old" if kind == "slug_and_topics" else "knee-rest",
        "summary_en": "It helps, with exercise.",
        "summary_zh_hans": "有帮助，但要配合锻练。",
        "topics": ["knee"],
        "authors": ["Dr A"],
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ALLOWED)
def test_revert_of_a_published_article_follows_the_role(client, editor, request, role, kind):
    article, earlier = published_article_with_history(kind, editor)
    before = stored(article.pk)
    # What a browser posts from the revert form (loaded by someone who may see it).
    editor_client = Client()
    editor_client.force_login(editor)
    forged = form_data_from(editor_client.get(revert_url(article, earlier)))
    user = request.getfixturevalue(role)
    client.force_login(user)

    if kind in ALLOWED[role]:
        page = client.get(revert_url(article, earlier))
        assert page.status_code == 200
        response = client.post(revert_url(article, earlier), form_data_from(page))
        assert response.status_code == 302
        assert stored(article.pk) == restored_state(kind)
        assert Version.objects.get_for_object(article).first().revision.user == user
        return

    revisions = Version.objects.get_for_object(article).count()
    for send in (
        lambda: client.get(revert_url(article, earlier)),
        lambda: client.post(revert_url(article, earlier), forged),
    ):
        response = send()
        assert response.status_code == 302
        if role == "outsider":
            assert "/login/" in response["Location"]
            continue
        assert response["Location"] == history_url(article)
        page = client.get(response["Location"]).content.decode()
        expected = BOARD_MESSAGE if role == "board_member" else REFUSAL_MESSAGES[kind]
        assert expected in page
    assert stored(article.pk) == before
    assert Version.objects.get_for_object(article).count() == revisions


@pytest.fixture
def non_publisher(db):
    """An editor account without the publishing right (may change metadata)."""
    ensure_roles()
    group = Group.objects.create(name="Editors without publishing")
    group.permissions.set(Group.objects.get(name="Editors").permissions.exclude(codename="publish_article"))
    user = User.objects.create_user(username="junior", password="pw-for-tests-only", is_staff=True)
    user.groups.add(group)
    assert user.has_perm("articles.edit_article_metadata") and not user.has_perm("articles.publish_article")
    return user


def test_a_non_publisher_restores_an_earlier_slug_and_topics(client, editor, non_publisher):
    article, earlier = published_article_with_history("slug_and_topics", editor)
    client.force_login(non_publisher)
    page = client.get(revert_url(article, earlier))
    assert client.post(revert_url(article, earlier), form_data_from(page)).status_code == 302
    assert stored(article.pk) == restored_state("slug_and_topics")


def test_a_non_publisher_cannot_unpublish_by_restoring_a_draft_revision(client, editor, non_publisher):
    article, earlier = published_article_with_history("status", editor)
    before = stored(article.pk)
    client.force_login(non_publisher)
    response = client.get(revert_url(article, earlier), follow=True)
    assert REFUSAL_MESSAGES["status"] in response.content.decode()
    assert stored(article.pk) == before
    assert before["status"] == "published"


def test_a_non_publisher_cannot_publish_by_restoring_a_published_revision(client, editor, non_publisher):
    article, earlier = published_article_with_history("text", editor)
    with reversion.create_revision():
        Article.objects.filter(pk=article.pk).update(status="draft")
        reversion.add_to_revision(Article.objects.get(pk=article.pk))
    editor_client = Client()
    editor_client.force_login(editor)
    forged = form_data_from(editor_client.get(revert_url(article, earlier)))  # status: published
    client.force_login(non_publisher)
    response = client.post(revert_url(article, earlier), forged, follow=True)
    assert response.redirect_chain == [(history_url(article), 302)]
    assert REFUSAL_MESSAGES["status"] in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == "draft"


# --- recovering a deleted article ------------------------------------------------------------


def deleted_published_article(editor):
    article, _earlier = published_article_with_history("text", editor)
    pk = article.pk
    article.delete()
    return pk, Version.objects.get_deleted(Article).get()


@pytest.mark.parametrize("role", ["translator", "board_member", "non_publisher"])
def test_recovering_a_deleted_published_article_needs_the_rights(client, editor, request, role):
    pk, deleted = deleted_published_article(editor)
    client.force_login(request.getfixturevalue(role))
    recover_url = reverse("admin:articles_article_recover", args=[deleted.pk])
    editor_client = Client()
    editor_client.force_login(editor)
    forged = form_data_from(editor_client.get(recover_url))
    expected = (
        "You may not publish or unpublish articles"
        if role == "non_publisher"
        else "You may not recover deleted articles: ask an editor."
    )
    for send in (lambda: client.get(recover_url), lambda: client.post(recover_url, forged)):
        response = send()
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:articles_article_changelist")
        assert expected in client.get(response["Location"]).content.decode()
    assert not Article.objects.filter(pk=pk).exists()


def test_an_editor_recovers_a_deleted_published_article(client, editor):
    pk, deleted = deleted_published_article(editor)
    client.force_login(editor)
    recover_url = reverse("admin:articles_article_recover", args=[deleted.pk])
    response = client.post(recover_url, form_data_from(client.get(recover_url)))
    assert response.status_code == 302
    assert stored(pk)["status"] == "published"


def test_the_recover_form_of_an_existing_article_checks_it_as_a_revert(client, editor, translator):
    article, earlier = published_article_with_history("status", editor)
    client.force_login(translator)
    response = client.post(reverse("admin:articles_article_recover", args=[earlier.pk]), {})
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).status == "published"
