"""What a reader page tells browsers and proxies: a validator (ETag, Last-Modified), how long
it may be kept and by whom (Cache-Control), what it varies on (Vary), and a Content-Security-
Policy nonce that is new for each response even when the page comes from the cache."""

import re

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from articles.public.response_cache import cached_page
from config.urls import urlpatterns as site_urlpatterns
from tests.articles.response_cache_helpers import cached_now, fetch
from tests.factories import make_article

URL = "/en/articles/knee/"


@cached_page(persona_cookie=False)
def page_with_inline_script(request):
    nonce = request.csp_nonce
    return HttpResponse(f'<script nonce="{nonce}">document.title = "x";</script><p>{nonce}</p>')


urlpatterns = [*site_urlpatterns, path("inline-script/", page_with_inline_script)]


@pytest.fixture
def article(db):
    return make_article("knee", title="Do cells help knees?")


@override_settings(RESPONSE_CACHE_MAX_AGE=120)
def test_readers_get_a_public_page_with_validators(client, article):
    for response in (fetch(client, URL)[0], fetch(client, URL)[0]):
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=120"}
        assert re.fullmatch(r'W/"[0-9a-f]{32}"', response["ETag"])
        assert response["Last-Modified"].endswith(" GMT")
        assert "Cookie" in response["Vary"]
        assert response["Content-Language"] == "en"


def test_a_response_that_sets_the_persona_cookie_is_private(client, article):
    response = fetch(client, URL + "?persona=physician")[0]
    assert response.cookies["medcms_persona"].value == "physician"
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    client.cookies.clear()
    again = fetch(client, URL + "?persona=physician")[0]  # from the cache: the cookie is set again
    assert again["X-Response-Cache"] == "hit"
    assert again.cookies["medcms_persona"].value == "physician"
    assert again.cookies["medcms_persona"]["httponly"] and again.cookies["medcms_persona"]["samesite"] == "Lax"


def test_pages_that_do_not_adapt_to_the_persona_do_not_vary_on_it(client, db):
    html = cached_now(client, "/en/about/")
    client.cookies["medcms_persona"] = "physician"
    response, again = fetch(client, "/en/about/")
    assert response["X-Response-Cache"] == "hit" and again == html


@pytest.mark.urls(__name__)
def test_a_cached_page_gets_a_new_csp_nonce_every_time(client, db):
    nonces = []
    for _ in range(3):
        response = client.get("/inline-script/")
        html = response.content.decode()
        nonce = re.search(r'<script nonce="([^"]+)">', html).group(1)
        assert f"<p>{nonce}</p>" in html
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert response["X-Response-Cache"] == "hit"
    assert len(set(nonces)) == 3
