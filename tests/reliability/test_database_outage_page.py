"""A database outage is a styled 503 in the reader's language with Retry-After, not a 500."""

import pytest
from django.utils import translation

BUSY = translation.gettext_lazy("The site is busy for a moment")


def in_language(lang, text):
    with translation.override(lang):
        return str(text)


@pytest.mark.urls("tests.urls_with_errors")
@pytest.mark.parametrize(("url", "lang"), [("/en/database-gone/", "en"), ("/zh-hans/database-gone/", "zh-hans")])
def test_unreachable_database_gives_a_styled_503_with_retry_after(client, settings, url, lang):
    """No db fixture: the page itself must not need the database."""
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert "/static/css/site.css" in html
    assert in_language(lang, BUSY) in html


@pytest.mark.urls("tests.urls_with_errors")
def test_a_bug_stays_a_500(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/en/broken/")
    assert response.status_code == 500
    assert "Retry-After" not in response
