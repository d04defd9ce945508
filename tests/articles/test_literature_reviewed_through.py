""""Literature reviewed through": the date of the evidence search, entered by an editor in the
article admin's Dates, shown on the article page next to the other dates in both languages.
Translators may not change it."""

import datetime

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article
from tests.reviews.conftest import browser_post_data


@pytest.fixture
def article(db):
    return make_article("ice", title="Does ice help?", summary="A little.",
                        title_zh_hans="冰敷有用吗？", summary_zh_hans="有一点。")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_editor_enters_the_date_and_both_pages_show_it(client, editor, article):
    client.force_login(editor)
    form = client.get(change_url(article))
    assert "literature_reviewed_through" in form.context["adminform"].form.fields
    response = client.post(change_url(article), browser_post_data(form, literature_reviewed_through="2025-03-31"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get(pk=article.pk).literature_reviewed_through == datetime.date(2025, 3, 31)

    english = client.get("/en/articles/ice/").content.decode()
    assert 'Literature reviewed through: <time datetime="2025-03-31">March 31, 2025</time>' in english
    chinese = client.get("/zh-hans/articles/ice/").content.decode()
    assert '<time datetime="2025-03-31">2025年3月31日</time>' in chinese


def test_the_page_shows_no_date_line_when_the_date_is_unknown(client, article):
    assert "Literature reviewed through" not in client.get("/en/articles/ice/").content.decode()


def test_translator_cannot_change_the_date(client, translator, article):
    article.literature_reviewed_through = datetime.date(2025, 1, 15)
    article.save()
    client.force_login(translator)
    form = client.get(change_url(article))
    assert "literature_reviewed_through" not in form.context["adminform"].form.fields
    data = browser_post_data(form, title_zh_hans="冰敷有帮助吗？", literature_reviewed_through="2026-01-01")
    client.post(change_url(article), data)
    assert Article.objects.get(pk=article.pk).literature_reviewed_through == datetime.date(2025, 1, 15)
