"""Translators change only the translated text of topics and site pages, never a slug:
checked on the server, with a form error for a forged POST."""

import pytest
import reversion
from django.contrib import admin
from django.contrib.auth.models import Group
from reversion.models import Version

from articles.admin.text_only import TranslatedTextOnlyAdminMixin
from articles.admin.translations import TranslatorRightsAdminMixin
from articles.models import SitePage, Topic
from articles.staff.roles import TRANSLATORS
from tests.factories import make_article, make_topic

REFUSAL = "You may change only the translated text"


def topic_url(topic):
    return f"/admin/articles/topic/{topic.pk}/change/"


@pytest.fixture
def topic(db):
    """A topic with a published article in it, as readers reach it."""
    topic = make_topic("knee-pain", name_en="Knee pain", description_en="Pain in and around the knee.")
    make_article("knee-rest", topics=[topic])
    return topic


def topic_post(topic, **overrides):
    data = {
        "name_en": topic.name_en,
        "name_zh_hans": topic.name_zh_hans or "",
        "description_en": topic.description_en or "",
        "description_zh_hans": topic.description_zh_hans or "",
    }
    data.update(overrides)
    return data


def test_translator_translates_a_topic_name(client, translator, topic):
    client.force_login(translator)
    response = client.post(topic_url(topic), topic_post(topic, name_zh_hans="膝痛", description_zh_hans="膝关节疼痛。"))
    assert response.status_code == 302
    saved = Topic.objects.get(pk=topic.pk)
    assert (saved.name_zh_hans, saved.description_zh_hans, saved.slug) == ("膝痛", "膝关节疼痛。", "knee-pain")
    assert client.get("/zh-hans/topics/knee-pain/").status_code == 200


def test_translator_sees_the_topic_slug_read_only(client, translator, topic):
    client.force_login(translator)
    response = client.get(topic_url(topic))
    form = response.context["adminform"].form
    assert "slug" not in form.fields
    assert {"name_en", "name_zh_hans", "description_zh_hans"} <= set(form.fields)
    assert "knee-pain" in response.content.decode()  # shown, not editable


def test_translators_forged_topic_slug_is_refused(client, translator, topic):
    client.force_login(translator)
    response = client.post(topic_url(topic), topic_post(topic, slug="knees", name_zh_hans="膝痛"))
    assert response.status_code == 200  # the form comes back with the reason
    html = response.content.decode()
    assert REFUSAL in html and "slug" in html
    assert "膝痛" in html  # what the translator typed is kept
    saved = Topic.objects.get(pk=topic.pk)
    assert (saved.slug, saved.name_zh_hans or "") == ("knee-pain", "")
    assert client.get("/en/topics/knee-pain/").status_code == 200
    assert client.get("/en/topics/knees/").status_code == 404


def test_translators_post_with_the_unchanged_slug_saves_the_text(client, translator, topic):
    client.force_login(translator)
    response = client.post(topic_url(topic), topic_post(topic, slug="knee-pain", name_zh_hans="膝痛"))
    assert response.status_code == 302
    assert Topic.objects.get(pk=topic.pk).name_zh_hans == "膝痛"


def test_editor_renames_a_topic(editor_client, topic):
    response = editor_client.post(topic_url(topic), topic_post(topic, slug="knees"))
    assert response.status_code == 302
    assert Topic.objects.get(pk=topic.pk).slug == "knees"
    assert editor_client.get("/en/topics/knees/").status_code == 200


def test_translators_forged_site_page_slug_is_refused(client, translator, db):
    page = SitePage.objects.get(slug=SitePage.EDITORIAL_POLICY)
    client.force_login(translator)
    response = client.post(
        f"/admin/articles/sitepage/{page.pk}/change/",
        {
            "slug": "policy",
            "title_en": page.title_en,
            "title_zh_hans": "编辑方针（新）",
            "body_en": page.body_en,
            "body_zh_hans": page.body_zh_hans,
        },
    )
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    saved = SitePage.objects.get(pk=page.pk)
    assert (saved.slug, saved.title_zh_hans) == (SitePage.EDITORIAL_POLICY, page.title_zh_hans)
    assert client.get("/zh-hans/editorial-policy/").status_code == 200


def test_translator_cannot_restore_a_topic_revision_with_another_slug(client, translator, editor_client, db):
    with reversion.create_revision():
        topic = make_topic("knees", name_en="Knee pain")
    editor_client.post(topic_url(topic), topic_post(topic, slug="knee-pain"))
    old = Version.objects.get_for_object(topic).order_by("pk").first()
    client.force_login(translator)
    url = f"/admin/articles/topic/{topic.pk}/history/{old.pk}/"
    assert client.get(url).status_code == 403
    response = client.post(url, topic_post(Topic.objects.get(pk=topic.pk)))
    assert response.status_code == 403
    assert "Restoring this revision would change the slug" in response.content.decode()
    assert Topic.objects.get(pk=topic.pk).slug == "knee-pain"


def test_every_model_translators_may_change_keeps_its_metadata_for_editors(db):
    """A change permission given to translators later gets the same text-only rule."""
    from articles.staff.roles import ensure_roles

    ensure_roles()
    changeable = Group.objects.get(name=TRANSLATORS).permissions.filter(codename__startswith="change_")
    assert changeable.exists()
    for permission in changeable:
        model = permission.content_type.model_class()
        model_admin = admin.site._registry[model]
        assert isinstance(model_admin, TranslatedTextOnlyAdminMixin | TranslatorRightsAdminMixin), model
