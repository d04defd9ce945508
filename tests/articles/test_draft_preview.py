"""Editors preview any article as readers would see it; nobody else can."""

import pytest

from tests.factories import make_article
from tests.staff import make_staff_reader

URL = "/en/articles/unfinished/preview/"


@pytest.fixture
def draft(db):
    return make_article("unfinished", status="draft", title="Is this ready?", summary="Not yet.")


def test_draft_is_not_found_for_readers(client, draft):
    assert client.get("/en/articles/unfinished/").status_code == 404


def test_editor_sees_the_draft_with_a_preview_banner(editor_client, draft):
    response = editor_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview — not published" in html
    assert "Is this ready?" in html
    assert "Not yet." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("status", ["draft", "published", "archived"])
def test_editor_previews_every_status(editor_client, db, status):
    make_article("any-status", status=status)
    assert editor_client.get("/en/articles/any-status/preview/").status_code == 200


def test_translator_may_preview_too(client, translator, draft):
    client.force_login(translator)
    assert client.get(URL).status_code == 200


def test_logged_in_outsider_is_forbidden(outsider_client, draft):
    assert outsider_client.get(URL).status_code == 403


def test_staff_without_the_permission_to_open_unpublished_text_is_forbidden(client, draft):
    client.force_login(make_staff_reader())
    assert client.get(URL).status_code == 403


def test_anonymous_visitor_is_sent_to_the_admin_login(client, draft):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "next=/en/articles/unfinished/preview/" in response["Location"]


def test_preview_of_a_missing_article_is_not_found(editor_client, db):
    assert editor_client.get("/en/articles/nothing-here/preview/").status_code == 404


def test_preview_respects_persona(editor_client, db):
    make_article("blocks", status="draft",
                 body='::: {audience="nurse"}\nFor nurses.\n:::\n\n::: {audience="patient"}\nFor patients.\n:::\n')
    html = editor_client.get("/en/articles/blocks/preview/?persona=nurse").content.decode()
    assert "For nurses." in html
    assert "For patients." not in html


def test_preview_data_points_at_the_public_address(editor_client, draft):
    html = editor_client.get(URL).content.decode()
    assert '"url": "http://testserver/en/articles/unfinished/"' in html
