"""A reader's page after the cache was emptied (Redis flushed or restarted) is served from the
render kept in the database: no Markdown is parsed or rendered, and the page is the same."""

import pytest
from django.core.cache import cache

from articles.models import StoredRender
from tests.articles.stored_render_helpers import view

pytestmark = pytest.mark.usefixtures("emptiable_cache")


def test_the_page_after_the_cache_is_emptied_is_the_stored_render(client, knee_article, markdown_work):
    first = view(client, "patient")
    assert markdown_work.count("render") == 1
    assert StoredRender.objects.filter(article=knee_article, language="en", persona="patient").exists()

    cache.clear()
    markdown_work.clear()
    again = view(client, "patient")
    assert markdown_work == []  # neither a render nor a parse for the cited keys
    assert again == first
    assert "Lay words only patients see." in again and "Clinical words" not in again


def test_each_persona_has_its_own_stored_render(client, knee_article, markdown_work):
    patient, physician = view(client, "patient"), view(client, "physician")
    cache.clear()
    markdown_work.clear()
    assert view(client, "physician") == physician
    assert view(client, "patient") == patient
    assert markdown_work == []
    assert "Clinical words only clinicians see." in physician


def test_a_variant_never_stored_is_rendered_and_then_stored(client, knee_article, markdown_work):
    view(client, "patient")
    cache.clear()
    markdown_work.clear()
    caregiver = view(client, "caregiver")
    assert markdown_work.count("render") == 1
    cache.clear()
    markdown_work.clear()
    assert view(client, "caregiver") == caregiver
    assert markdown_work == []
