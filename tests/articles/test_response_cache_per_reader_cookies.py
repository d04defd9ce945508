"""A page that hands a reader something of their own (a CSRF token, a session) is never stored,
so no reader ever gets another reader's token."""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path

from articles.public.response_cache import cached_page
from config.urls import urlpatterns as site_urlpatterns


@cached_page(persona_cookie=False)
def page_with_a_form(request):
    return HttpResponse(f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">')


@cached_page(persona_cookie=False)
def page_that_starts_a_session(request):
    request.session["seen"] = True
    return HttpResponse("<p>Welcome.</p>")


urlpatterns = [*site_urlpatterns, path("form/", page_with_a_form), path("session/", page_that_starts_a_session)]


@pytest.mark.urls(__name__)
def test_a_page_with_a_csrf_token_is_never_served_to_another_reader(db):
    first, second = Client(), Client()
    one = first.get("/form/")
    two = second.get("/form/")
    assert "csrftoken" in one.cookies and "csrftoken" in two.cookies
    assert "X-Response-Cache" not in one and "X-Response-Cache" not in two
    assert one.content != two.content


@pytest.mark.urls(__name__)
def test_a_page_that_starts_a_session_is_not_stored(db):
    response = Client().get("/session/")
    assert "sessionid" in response.cookies
    assert "X-Response-Cache" not in Client().get("/session/")
