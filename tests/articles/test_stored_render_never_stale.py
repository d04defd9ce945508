"""A stored render serves only the inputs it was made from: after a change of the text, the
glossary, the set of personas or the cited library, the cache emptied, readers see the new
render (and it replaces the stored one), never the old stored HTML."""

import pytest
from django.core.cache import cache

from articles.models import GlossaryTerm, Persona, StoredRender
from tests.articles.stored_render_helpers import BODY, view
from tests.factories import make_article, make_reference

pytestmark = pytest.mark.usefixtures("emptiable_cache")


def test_a_changed_text_is_rendered_again_not_served_from_the_old_row(client, knee_article, markdown_work):
    view(client, "patient")
    old_key = StoredRender.objects.get(article=knee_article, persona="patient").key
    knee_article.body_en = BODY.replace("Lay words only patients see.", "Freshly edited lay words.")
    knee_article.save()
    cache.clear()
    markdown_work.clear()
    html = view(client, "patient")
    assert "render" in markdown_work
    assert "Freshly edited lay words." in html and "Lay words only patients see." not in html
    row = StoredRender.objects.get(article=knee_article, persona="patient")
    assert row.key != old_key and "Freshly edited lay words." in row.data["body_html"]


def test_a_changed_glossary_is_rendered_again(client, knee_article, markdown_work):
    GlossaryTerm.objects.create(term_en="osteoarthritis", lay_explanation_en="wear of the joint")
    assert "(wear of the joint)" in view(client, "patient")
    term = GlossaryTerm.objects.get()
    term.lay_explanation_en = "joint wear and tear"
    term.save()
    cache.clear()
    markdown_work.clear()
    html = view(client, "patient")
    assert markdown_work.count("render") == 1
    assert "(joint wear and tear)" in html and "wear of the joint" not in html


def test_a_changed_set_of_personas_is_rendered_again(client, knee_article, markdown_work):
    view(client, "patient")
    Persona.objects.create(code="researcher", label="Researcher", order=70, is_lay=False)
    cache.clear()
    markdown_work.clear()
    view(client, "patient")
    assert markdown_work.count("render") == 1


def test_a_source_added_to_the_library_is_rendered_again(client, db, markdown_work):
    make_reference("ref-a", title="Guideline on knee pain")
    make_article("pending", summary="Rest helps [@ref-a].", body="Also [@ref-new].")
    html = view(client, "patient", "/en/articles/pending/")
    assert "A newly added trial" not in html  # ref-new missing: shown escaped, nothing stored
    assert not StoredRender.objects.exists()
    make_reference("ref-new", title="A newly added trial")
    cache.clear()
    html = view(client, "patient", "/en/articles/pending/")
    assert "A newly added trial" in html
    assert StoredRender.objects.filter(persona="patient").count() == 1
