"""Refusals and server errors are styled pages that say why, in the page's language."""

import pytest
from django.test import Client
from django.utils import translation

from articles.staff.access import DRAFTS_REFUSED
from tests.factories import make_article, make_topic
from tests.staff import make_staff_reader


def in_language(lang, text):
    with translation.override(lang):
        return str(text)


def test_refused_preview_says_why_in_chinese_under_zh_hans(client, db):
    make_article("unfinished", status="draft")
    client.force_login(make_staff_reader())
    response = client.get("/zh-hans/articles/unfinished/preview/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "/static/css/site.css" in html
    assert in_language("zh-hans", DRAFTS_REFUSED) in html
    assert in_language("zh-hans", translation.gettext_lazy("You may not open this page")) in html
    browse = in_language("zh-hans", translation.gettext_lazy("Browse all articles"))
    assert browse != "Browse all articles" and browse in html  # the site's frame, in Chinese


def test_refused_preview_says_why_in_english(client, db):
    make_article("unfinished", status="draft")
    client.force_login(make_staff_reader())
    response = client.get("/en/articles/unfinished/preview/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "You may not open this page" in html
    assert "Your account may not open unpublished versions of articles" in html
    assert "ask a chief medical editor" in html


def test_admin_refusal_is_shown_in_the_admin_frame(client, editor):
    article = make_article("knee", status="published")
    client.force_login(make_staff_reader())
    response = client.get(f"/admin/articles/article/{article.pk}/history/compare/?a=1&b=2")
    assert response.status_code == 403
    assert "admin/403.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert "Your account may not open unpublished versions of articles" in html
    assert 'class="breadcrumbs"' in html and "/admin/" in html
    assert "MedCMS" in html  # the admin's own header


def test_refusal_without_a_reason_still_explains(client, outsider):
    """The admin's own refusals (no message) get the general explanation."""
    make_article("unfinished", status="draft")
    client.force_login(outsider)
    html = client.get("/en/articles/unfinished/preview/").content.decode()
    assert "You may not open this page" in html


@pytest.mark.urls("tests.urls_with_errors")
@pytest.mark.parametrize(("url", "lang"), [("/en/broken/", "en"), ("/zh-hans/broken/", "zh-hans")])
def test_server_error_page_needs_no_database(client, settings, url, lang):
    """No db fixture: any query while rendering would fail the test."""
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert "/static/css/site.css" in html
    assert in_language(lang, translation.gettext_lazy("Something went wrong")) in html
    assert in_language(lang, translation.gettext_lazy("Health Library")) in html


def test_refused_form_without_csrf_token_says_what_to_do(editor, db):
    topic = make_topic("knees")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(f"/admin/articles/topic/{topic.pk}/change/", {"slug": "knees", "name_en": "Knees"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form could not be sent" in html and "reload the page" in html
    assert "/static/css/site.css" in html
