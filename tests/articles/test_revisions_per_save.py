"""Every admin save makes exactly one revision, with its user and a comment; a no-op save none."""

import reversion
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Revision, Version

from articles.models import Article, Authorship, Topic
from references.models import Reference
from tests.articles.test_concurrent_edit import change_url, form_data_from
from tests.factories import make_article, make_author, make_reference, make_topic


def make_versioned_article(**fields):
    with reversion.create_revision():
        return make_article(slug="knee", summary="Two injections.", title_zh_hans="几次？", summary_zh_hans="两次。",
                            **fields)


def test_adding_an_article_makes_one_revision(editor_client, editor):
    data = {
        "slug": "new-one", "status": "draft", "title_en": "New?", "summary_en": "Yes.",
        "authorships-TOTAL_FORMS": "0", "authorships-INITIAL_FORMS": "0",
        "authorships-MIN_NUM_FORMS": "0", "authorships-MAX_NUM_FORMS": "1000",
    }
    assert editor_client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get(slug="new-one")
    (version,) = Version.objects.get_for_object(article)
    assert version.revision.user == editor and version.revision.get_comment()


def test_a_change_makes_exactly_one_revision_with_user_and_comment(editor_client, editor):
    article = make_versioned_article()
    topic, author = make_topic(), make_author()
    before = Revision.objects.count()
    page = editor_client.get(change_url(article))
    data = form_data_from(
        page,
        summary_zh_hans="三次。",
        topics=[str(topic.pk)],
        **{
            "authorships-TOTAL_FORMS": "1", "authorships-0-position": "0",
            "authorships-0-author": str(author.pk),
        },
    )
    assert editor_client.post(change_url(article), data).status_code == 302
    assert Revision.objects.count() == before + 1
    revision = Revision.objects.order_by("-pk").first()
    assert revision.user == editor
    assert "Changed" in revision.get_comment() or "changed" in revision.get_comment()
    newest = Version.objects.get_for_object(article).first()
    assert newest.revision == revision
    assert newest.field_dict["summary_zh_hans"] == "三次。" and newest.field_dict["topics"] == [topic.pk]
    # The authorship (inline) is in the same revision.
    assert revision.version_set.filter(content_type__model="authorship").count() == 1


def test_a_save_that_changes_nothing_makes_no_revision(editor_client, editor):
    article = make_versioned_article(body="Line one.\nLine two.")
    article.topics.set([make_topic()])
    Authorship.objects.create(article=article, author=make_author())
    article = Article.objects.get(pk=article.pk)
    page = editor_client.get(change_url(article))
    data = form_data_from(page)
    data["body_en"] = data["body_en"].replace("\n", "\r\n")  # what browsers send
    revisions, log_entries, saved = Revision.objects.count(), LogEntry.objects.count(), article.updated_at
    response = editor_client.post(change_url(article), data, follow=True)
    assert response.status_code == 200
    assert "Nothing was changed, so no new revision was saved." in response.content.decode()
    assert Revision.objects.count() == revisions
    assert LogEntry.objects.count() == log_entries
    assert Article.objects.get(pk=article.pk).updated_at == saved


def test_reference_admin_save_makes_one_revision(editor_client, editor):
    reference = make_reference(key="smith-2024")
    url = reverse("admin:references_reference_change", args=[reference.pk])
    data = form_data_from(editor_client.get(url), title="A corrected title")
    assert editor_client.post(url, data).status_code == 302
    (version,) = Version.objects.get_for_object(Reference.objects.get(pk=reference.pk))
    assert version.revision.user == editor and version.revision.get_comment()
    assert version.field_dict["title"] == "A corrected title"


def test_topic_admin_save_makes_one_revision_and_a_no_op_none(editor_client, editor):
    topic = make_topic(slug="knee", name_en="Knee")
    url = reverse("admin:articles_topic_change", args=[topic.pk])
    data = form_data_from(editor_client.get(url), name_zh_hans="膝盖")
    assert editor_client.post(url, data).status_code == 302
    (version,) = Version.objects.get_for_object(Topic.objects.get(pk=topic.pk))
    assert version.revision.user == editor and version.field_dict["name_zh_hans"] == "膝盖"
    assert editor_client.post(url, form_data_from(editor_client.get(url))).status_code == 302
    assert Version.objects.get_for_object(topic).count() == 1


def test_reference_admin_no_op_save_makes_no_revision(editor_client):
    reference = make_reference(key="smith-2025")
    url = reverse("admin:references_reference_change", args=[reference.pk])
    assert editor_client.post(url, form_data_from(editor_client.get(url), title="Fixed")).status_code == 302
    assert editor_client.post(url, form_data_from(editor_client.get(url))).status_code == 302
    assert Version.objects.get_for_object(reference).count() == 1


def test_author_admin_no_op_save_makes_no_revision(editor_client):
    author = make_author(name="Dr Lee")
    url = reverse("admin:articles_author_change", args=[author.pk])
    assert editor_client.post(url, form_data_from(editor_client.get(url), credentials_en="MD, PhD")).status_code == 302
    assert editor_client.post(url, form_data_from(editor_client.get(url))).status_code == 302
    assert Version.objects.get_for_object(author).count() == 1
