"""Article.url_in(lang), which lists use instead of reversing each article's URL, is the URL
reverse() gives in that language, under a script prefix too."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils.translation import override

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_url_in_is_the_reversed_url_in_that_language(lang):
    article = make_article(slug="knee-rest-2")
    with override(lang):
        expected = reverse("articles:detail", args=[article.slug])
    assert article.url_in(lang) == expected == f"/{lang}/articles/knee-rest-2/"


def test_url_in_follows_the_script_prefix():
    article = make_article(slug="knee-rest")
    set_script_prefix("/health/")
    try:
        assert article.url_in("en") == "/health/en/articles/knee-rest/"
    finally:
        clear_script_prefix()
