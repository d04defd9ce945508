"""Rendered article HTML is cached per inputs: after the first view, switching persona renders nothing.

Renders are counted by wrapping the real ``articles.rendering.markdown.render_article`` (the name
render_cache.py calls): the wrapper calls it, so the pages are really rendered.
"""

import pytest

from articles.models import GlossaryTerm, Persona
from articles.rendering import render_cache
from articles.rendering.glossary import Entry
from articles.rendering.markdown import MarkdownError
from tests.articles.stored_render_helpers import BODY, without_csrf_token
from tests.factories import make_article, make_reference


@pytest.fixture(autouse=True)
def locmem_cache(emptiable_cache):
    """Every test here on a local memory cache of its own (tests/articles/conftest.py)."""


@pytest.fixture
def renders(monkeypatch):
    calls = []
    real = render_cache._render_article

    def counting(*args, **kwargs):
        calls.append(kwargs.get("persona"))
        return real(*args, **kwargs)

    monkeypatch.setattr(render_cache, "_render_article", counting)
    return calls


@pytest.fixture
def article(knee_article):
    return knee_article


def view(client, persona, url="/en/articles/knee/"):
    response = client.get(url, {"persona": persona})
    assert response.status_code == 200
    return response.content.decode()




def renders_for(renders, client, persona, url="/en/articles/knee/"):
    before = len(renders)
    html = view(client, persona, url)
    return len(renders) - before, html


def test_switching_persona_renders_each_once(client, article, renders):
    assert renders_for(renders, client, "patient")[0] == 1
    assert renders_for(renders, client, "patient")[0] == 0
    assert renders_for(renders, client, "physician")[0] == 1
    assert renders_for(renders, client, "patient")[0] == 0
    assert renders_for(renders, client, "physician")[0] == 0


def test_a_cache_hit_shows_the_same_page(client, article, renders):
    first = view(client, "patient")
    second = view(client, "patient")
    assert len(renders) == 1
    # The follow-up form's CSRF token is masked afresh on every response (Django's BREACH defence).
    assert without_csrf_token(first) == without_csrf_token(second)
    assert "Lay words only patients see." in second
    assert "Clinical words" not in second
    # The reference list is rebuilt from the library: both references, in citation order.
    references = second[second.index('class="reference-list"'):]
    assert references.index("Guideline on knee pain") < references.index("Background cohort")


def test_editing_the_body_renders_again_with_the_new_text(client, article, renders):
    view(client, "patient")
    article.body_en = BODY.replace("Lay words only patients see.", "Freshly edited lay words.")
    article.save()
    count, html = renders_for(renders, client, "patient")
    assert count == 1
    assert "Freshly edited lay words." in html
    assert "Lay words only patients see." not in html


def test_editing_a_glossary_explanation_renders_again_for_lay_readers(client, article, renders):
    term = GlossaryTerm.objects.create(term_en="osteoarthritis", lay_explanation_en="wear of the joint")
    count, html = renders_for(renders, client, "patient")
    assert count == 1 and "(wear of the joint)" in html
    view(client, "physician")
    assert renders_for(renders, client, "patient")[0] == 0

    term.lay_explanation_en = "joint wear and tear"
    term.save()
    count, html = renders_for(renders, client, "patient")
    assert count == 1
    assert "(joint wear and tear)" in html and "wear of the joint" not in html
    assert renders_for(renders, client, "caregiver")[0] == 1
    # Clinicians get no glossary: their cached render still serves.
    assert renders_for(renders, client, "physician")[0] == 0


def test_adding_a_persona_changes_the_key(client, article, renders):
    view(client, "patient")
    Persona.objects.create(code="researcher", label="Researcher", order=70, is_lay=False)
    assert renders_for(renders, client, "patient")[0] == 1
    assert renders_for(renders, client, "patient")[0] == 0


def test_a_new_reference_in_the_library_renders_again(client, db, renders):
    make_article("pending", summary="Rest helps [@ref-new].", body="")
    # ref-new is not in the library yet: the text does not render (shown escaped), nothing cached.
    assert renders_for(renders, client, "patient", "/en/articles/pending/")[0] == 1
    assert renders_for(renders, client, "patient", "/en/articles/pending/")[0] == 1
    make_reference("ref-new", title="A newly added trial")
    count, html = renders_for(renders, client, "patient", "/en/articles/pending/")
    assert count == 1 and "A newly added trial" in html
    assert renders_for(renders, client, "patient", "/en/articles/pending/")[0] == 0


def test_the_preview_always_renders(editor_client, article, renders):
    url = "/en/articles/knee/preview/"
    assert renders_for(renders, editor_client, "patient", url)[0] == 1
    assert renders_for(renders, editor_client, "patient", url)[0] == 1
    # ... and stores nothing the public page would then use.
    assert renders_for(renders, editor_client, "patient")[0] == 1


def test_rendering_errors_are_not_cached(renders):
    arguments = {"persona": "patient", "library": {}, "personas": ["patient"]}
    for _ in range(2):
        with pytest.raises(MarkdownError):
            render_cache.render_article("Cites [@missing].", "", **arguments)
    assert len(renders) == 2


def test_the_key_covers_every_input():
    base = {
        "summary": "S",
        "body": "B",
        "persona": "patient",
        "library": {"ref-a": object()},
        "personas": ["patient", "physician"],
        "glossary": [Entry(key="1", forms=("knee",), explanation="a joint")],
    }

    def key(**changes):
        arguments = {**base, **changes}
        return render_cache.cache_key(arguments.pop("summary"), arguments.pop("body"), **arguments)

    variants = [
        key(summary="S2"),
        key(body="B2"),
        key(persona="physician"),
        key(persona=None),
        key(library={}),
        key(library={"ref-a": 1, "ref-b": 2}),
        key(personas=["patient"]),
        key(glossary=()),
        key(glossary=[Entry(key="2", forms=("knee",), explanation="a joint")]),
        key(glossary=[Entry(key="1", forms=("knees",), explanation="a joint")]),
        key(glossary=[Entry(key="1", forms=("knee",), explanation="the joint")]),
    ]
    assert len({key(), *variants}) == len(variants) + 1
    # Order of the persona codes does not matter; the reference objects themselves do not either.
    assert key(personas=["physician", "patient"]) == key()
    assert key(library={"ref-a": "another object"}) == key()


def test_bumping_the_renderer_version_changes_the_key(monkeypatch):
    arguments = {"persona": None, "library": {}, "personas": []}
    before = render_cache.cache_key("S", "B", **arguments)
    monkeypatch.setattr(render_cache, "RENDERER_VERSION", render_cache.RENDERER_VERSION + 1)
    assert render_cache.cache_key("S", "B", **arguments) != before
