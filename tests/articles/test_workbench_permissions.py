"""Who may use the workbench's views: the writing guide, live preview, citation search, autosave."""

import pytest
from django.urls import reverse

from articles.models import Autosave
from tests.factories import make_article, make_reference

GUIDE = reverse("admin:articles_article_writing_guide")
PREVIEW = reverse("admin:articles_article_live_preview")
SEARCH = reverse("admin:articles_article_reference_search")
AUTOSAVE = reverse("admin:articles_article_autosave")

WRITERS = ["editor", "chief_editor", "translator"]


@pytest.fixture
def article(db):
    make_reference("smith2024", title="Knee injections in adults")
    return make_article(slug="knee", title="Which dose is best?", body="## Evidence\n\nRest [@smith2024].\n")


def _client(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def _calls(article):
    return {
        "preview": ("post", PREVIEW, {"_workbench_article": article.pk, "body_en": "Typed."}),
        "search": ("get", SEARCH, {"q": "knee"}),
        "autosave": ("post", AUTOSAVE, {"_workbench_article": article.pk, "body_en": "Typed."}),
    }


@pytest.mark.parametrize("role", WRITERS)
@pytest.mark.parametrize("view", ["preview", "search", "autosave"])
def test_writers_may_use_the_workbench(client, request, article, role, view):
    method, url, data = _calls(article)[view]
    response = getattr(_client(client, request, role), method)(url, data)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("role", ["board_member"])
@pytest.mark.parametrize("view", ["preview", "search", "autosave"])
def test_readers_of_the_admin_may_not_use_the_workbench(client, request, article, role, view):
    method, url, data = _calls(article)[view]
    response = getattr(_client(client, request, role), method)(url, data)
    assert response.status_code == 403
    assert not Autosave.objects.exists()


@pytest.mark.parametrize("role", ["outsider", "anonymous"])
@pytest.mark.parametrize("view", ["preview", "search", "autosave", "guide"])
def test_non_staff_are_sent_to_the_login_page(client, request, article, role, view):
    method, url, data = _calls(article).get(view, ("get", GUIDE, {}))
    response = getattr(_client(client, request, role), method)(url, data)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert not Autosave.objects.exists()


@pytest.mark.parametrize("role", ["editor", "chief_editor", "translator", "board_member"])
def test_every_staff_role_may_read_the_writing_guide(client, request, role):
    response = _client(client, request, role).get(GUIDE)
    assert response.status_code == 200
    assert "audience=" in response.content.decode()


def test_translator_may_not_preview_or_autosave_a_new_article(client, translator, db):
    client.force_login(translator)
    for url in (PREVIEW, AUTOSAVE):
        assert client.post(url, {"_workbench_article": "", "body_en": "New."}).status_code == 403
    assert not Autosave.objects.exists()


def test_preview_and_autosave_refuse_get(editor_client, article):
    assert editor_client.get(PREVIEW).status_code == 405
    assert editor_client.get(AUTOSAVE).status_code == 405


def test_posts_without_csrf_token_are_refused(client, editor, article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(PREVIEW, {"_workbench_article": article.pk}).status_code == 403
    assert strict.post(AUTOSAVE, {"_workbench_article": article.pk, "body_en": "x"}).status_code == 403
    assert not Autosave.objects.exists()
