"""A cached reader page changes as soon as anything it shows changes: one test per kind of change
(the content version is bumped by the save, delete or relation change, and is part of every key)."""

import pytest
from django.test import override_settings
from django.utils import timezone

from articles.models import Article, GlossaryTerm, SitePage, UpdateNote
from tests.articles.response_cache_helpers import cached_now, fetch
from tests.factories import make_article, make_author, make_reference, make_topic, persona

URL = "/en/articles/knee/"


@pytest.fixture
def article(db):
    make_reference("smith-2020", title="Cells for knees")
    return make_article(
        "knee",
        title="Do cells help knees?",
        summary="Maybe [@smith-2020].",
        body="## Evidence\n\nThe cartilage may regrow.",
        title_zh_hans="细胞对膝盖有帮助吗？",
        summary_zh_hans="也许有 [@smith-2020]。",
        topics=[make_topic("knees", name_en="Knees")],
        authors=[make_author("Dr Ada Lee", credentials_en="MD")],
    )


def test_editing_the_text_shows_the_new_text(client, article):
    assert "The cartilage may regrow." in cached_now(client, URL)
    article.body_en = "## Evidence\n\nThe cartilage does not regrow."
    article.save()
    _response, html = fetch(client, URL)
    assert "The cartilage does not regrow." in html and "may regrow" not in html


def test_unpublishing_and_publishing_again(client, article):
    cached_now(client, URL)
    assert "Do cells help knees?" in cached_now(client, "/en/articles/")
    article.status = Article.Status.DRAFT
    article.save()
    assert fetch(client, URL)[0].status_code == 404
    assert "Do cells help knees?" not in fetch(client, "/en/articles/")[1]
    article.status = Article.Status.PUBLISHED
    article.save()
    assert fetch(client, URL)[0].status_code == 200
    assert "Do cells help knees?" in fetch(client, "/en/articles/")[1]


def test_editing_a_translation_shows_it_to_its_readers(client, article):
    assert "细胞对膝盖有帮助吗？" in cached_now(client, "/zh-hans/articles/knee/")
    article.title_zh_hans = "干细胞能修复膝盖吗？"
    article.save()
    assert "干细胞能修复膝盖吗？" in fetch(client, "/zh-hans/articles/knee/")[1]


def test_editing_a_glossary_term_shows_the_new_explanation(client, article):
    term = GlossaryTerm.objects.create(term_en="cartilage", lay_explanation_en="the smooth tissue in joints")
    assert "the smooth tissue in joints" in cached_now(client, URL + "?persona=patient")
    term.lay_explanation_en = "the rubbery cushion at the ends of bones"
    term.save()
    html = fetch(client, URL + "?persona=patient")[1]
    assert "the rubbery cushion at the ends of bones" in html and "smooth tissue" not in html


def test_editing_a_reference_shows_it_in_the_reference_list(client, article):
    assert "Cells for knees" in cached_now(client, URL)
    reference = article.citations.first().reference
    reference.title = "Stem cells for knee osteoarthritis"
    reference.retracted = True
    reference.save()
    html = fetch(client, URL)[1]
    assert "Stem cells for knee osteoarthritis" in html
    assert "This source has been retracted" in html


def test_editing_a_persona_shows_the_new_wording(client, article):
    cached_now(client, URL + "?persona=physician")
    physician = persona("physician")
    physician.disclaimer_en = "For clinicians: check the primary sources."
    physician.save()
    assert "For clinicians: check the primary sources." in fetch(client, URL + "?persona=physician")[1]


def test_editing_a_site_page_shows_the_new_text(client, db):
    cached_now(client, "/en/editorial-policy/")
    policy = SitePage.objects.get(slug=SitePage.EDITORIAL_POLICY)
    policy.body_en = "Every article is checked by two board members."
    policy.save()
    assert "Every article is checked by two board members." in fetch(client, "/en/editorial-policy/")[1]


def test_topics_authors_and_update_notes_show_at_once(client, article):
    cached_now(client, URL)
    topic = article.topics.get()
    topic.name_en = "Knee health"
    topic.save()
    author = article.authors.get()
    author.credentials_en = "MD, PhD"
    author.save()
    UpdateNote.objects.create(article=article, note_en="Added the 2025 trial.", created_at=timezone.now())
    article.topics.add(make_topic("sports", name_en="Sports medicine"))
    html = fetch(client, URL)[1]
    assert "Knee health" in html and "MD, PhD" in html
    assert "Added the 2025 trial." in html and "Sports medicine" in html


def test_a_new_release_does_not_serve_pages_of_the_old_code(client, article):
    with override_settings(RELEASE="2026.11.1"):
        cached_now(client, URL)
    with override_settings(RELEASE="2026.11.2"):
        response, html = fetch(client, URL)
    assert response["X-Response-Cache"] == "miss"
    assert "Do cells help knees?" in html
