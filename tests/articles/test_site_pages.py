"""About, contact and privacy: translated site pages, edited in the admin, linked from the footer."""

import re

import pytest
from django.urls import reverse

from articles.models import SitePage
from tests.articles.test_concurrent_edit import form_data_from
from tests.factories import make_article

PAGES = [
    ("about", "About us", "关于我们"),
    ("contact", "Contact us", "联系我们"),
    ("privacy", "Privacy", "隐私声明"),
]


@pytest.mark.parametrize(("slug", "english", "chinese"), PAGES)
def test_every_installation_has_the_page_in_both_languages(client, db, slug, english, chinese):
    en = client.get(f"/en/{slug}/")
    zh = client.get(f"/zh-hans/{slug}/")
    assert en.status_code == zh.status_code == 200
    assert f"<h1>{english}</h1>" in en.content.decode()
    assert f"<h1>{chinese}</h1>" in zh.content.decode()
    assert '<article class="prose narrow" lang="zh-hans">' in zh.content.decode()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_footer_links_the_pages_in_the_readers_language(client, db, lang):
    make_article("knee-cells", title_zh_hans="问？", summary_zh_hans="答。")
    for url in (f"/{lang}/articles/", f"/{lang}/articles/knee-cells/", f"/{lang}/privacy/"):
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer">'):]
        for slug, _english, _chinese in PAGES:
            assert f'href="/{lang}/{slug}/"' in footer, (url, slug)


def test_the_privacy_page_states_the_retention_of_addresses(client, db, settings):
    assert settings.FOLLOWUP_EMAIL_RETENTION_DAYS == 90
    assert "after 90 days" in client.get("/en/privacy/").content.decode()
    assert "最长只保存90天" in client.get("/zh-hans/privacy/").content.decode()


def test_the_contact_page_gives_the_address_from_settings(client, db, settings):
    settings.CONTACT_EMAIL = "editors@example.org"
    html = client.get("/zh-hans/contact/").content.decode()
    assert '<a href="mailto:editors@example.org">editors@example.org</a>' in html
    assert "mailto:" not in client.get("/en/about/").content.decode()
    settings.CONTACT_EMAIL = ""
    assert "mailto:" not in client.get("/en/contact/").content.decode()


def test_an_editor_changes_the_about_page_in_the_admin(editor_client, client):
    about = SitePage.objects.get(slug="about")
    url = reverse("admin:articles_sitepage_change", args=[about.pk])
    data = form_data_from(editor_client.get(url), body_zh_hans="我们是一个小型编辑团队。\r\n\r\n欢迎来信。")
    assert editor_client.post(url, data).status_code == 302
    assert "我们是一个小型编辑团队。" in client.get("/zh-hans/about/").content.decode()


def test_the_links_inside_the_pages_lead_somewhere(client, db):
    for lang in ("en", "zh-hans"):
        for slug, _english, _chinese in PAGES:
            html = client.get(f"/{lang}/{slug}/").content.decode()
            body = html[html.index("<h1>"):html.index("</article>")]
            for href in re.findall(r'href="(/[^"]*)"', body):
                assert client.get(href).status_code == 200, (lang, slug, href)


def test_no_markdown_is_left_unrendered(client, db):
    for lang in ("en", "zh-hans"):
        for slug, _english, _chinese in PAGES:
            html = client.get(f"/{lang}/{slug}/").content.decode()
            assert "**" not in html and "](" not in html, (lang, slug)
