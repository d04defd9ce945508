"""Which persona a reader gets, and that the choice is remembered."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from articles.public.personas import resolve_persona
from tests.factories import make_article

COOKIE = settings.PERSONA_COOKIE_NAME


@pytest.fixture
def article(db):
    return make_article(
        "persona-test",
        body='::: {audience="physician"}\nDoctor text.\n:::\n\n::: {audience="patient"}\nPatient text.\n:::\n',
    )


def current_persona(html):
    marker = 'aria-current="true"'
    start = html.index("persona-options")
    chosen = [part for part in html[start:].split("<li>")[1:] if marker in part]
    assert len(chosen) == 1
    return chosen[0].split('data-persona="')[1].split('"')[0]


def test_first_visit_gets_the_default_persona(client, article):
    html = client.get("/en/articles/persona-test/").content.decode()
    assert current_persona(html) == settings.DEFAULT_PERSONA
    assert "Patient text." in html


def test_query_parameter_chooses_and_sets_the_cookie(client, article):
    response = client.get("/en/articles/persona-test/?persona=physician")
    assert current_persona(response.content.decode()) == "physician"
    morsel = response.cookies[COOKIE]
    assert morsel.value == "physician"
    assert morsel["max-age"] == settings.PERSONA_COOKIE_AGE
    assert morsel["samesite"] == "Lax"
    assert morsel["httponly"]


def test_later_request_without_the_parameter_uses_the_cookie(client, article):
    client.get("/en/articles/persona-test/?persona=physician")
    response = client.get("/en/articles/persona-test/")
    html = response.content.decode()
    assert current_persona(html) == "physician"
    assert "Doctor text." in html
    assert "Patient text." not in html
    # Reading the cookie does not rewrite it.
    assert COOKIE not in response.cookies


def test_the_choice_carries_over_to_other_pages(client, article):
    client.get("/en/articles/?persona=nurse")
    html = client.get("/zh-hans/articles/persona-test/").content.decode()
    assert current_persona(html) == "nurse"


@pytest.mark.parametrize("code", ["surgeon", "", "../../etc", "<script>", "x" * 500])
def test_unknown_persona_code_falls_back_to_the_default(client, article, code):
    response = client.get("/en/articles/persona-test/", {"persona": code})
    assert response.status_code == 200
    assert current_persona(response.content.decode()) == settings.DEFAULT_PERSONA
    assert COOKIE not in response.cookies


def test_unknown_cookie_value_falls_back_to_the_default(client, article):
    client.cookies[COOKIE] = "astronaut"
    response = client.get("/en/articles/persona-test/")
    assert response.status_code == 200
    assert current_persona(response.content.decode()) == settings.DEFAULT_PERSONA


def test_parameter_wins_over_cookie(client, article):
    client.cookies[COOKIE] = "physician"
    html = client.get("/en/articles/persona-test/?persona=caregiver").content.decode()
    assert current_persona(html) == "caregiver"


def test_picker_works_without_javascript(client, article):
    html = client.get("/en/articles/persona-test/").content.decode()
    assert "Which best describes you?" in html
    for code in ("patient", "caregiver", "student", "nurse", "pharmacist", "physician"):
        assert f'href="/en/articles/persona-test/?persona={code}"' in html


def test_resolver_survives_a_missing_default_persona(db, settings):
    settings.DEFAULT_PERSONA = "no-such-persona"
    request = RequestFactory().get("/en/articles/x/")
    choice = resolve_persona(request)
    assert choice.persona is not None  # the first persona in picker order
    assert choice.persona.code == "patient"
    assert not choice.chosen_now


def test_resolver_with_no_personas_at_all(db):
    request = RequestFactory().get("/en/articles/x/?persona=patient")
    choice = resolve_persona(request, personas=[])
    assert choice.persona is None
