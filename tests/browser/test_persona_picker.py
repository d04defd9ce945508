"""The persona picker in a real browser, with and without JavaScript."""

import importlib

import pytest
from django.apps import apps

from tests.browser.idle import close_when_idle
from tests.factories import make_article

BODY = """## For you

::: {audience="patient caregiver"}
Rest the knee and ask your doctor before any injection.
:::

::: {audience="physician"}
Consider the cell dose and the anticoagulation protocol.
:::
"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article_url(live_server):
    # A transactional test starts from an emptied database: put the default personas back.
    importlib.import_module("articles.migrations.0002_default_personas").create_personas(apps, None)
    make_article(slug="knee", title="Which dose is best?", summary="A high dose.", body=BODY)
    return f"{live_server.url}/en/articles/knee/"


def test_choosing_physician_switches_blocks_without_reloading(page, article_url):
    page.goto(article_url)
    assert page.get_by_text("Rest the knee").is_visible()
    page.evaluate("window.__sameDocument = true")

    page.locator("[data-persona='physician']").click()
    page.get_by_text("Consider the cell dose").wait_for()

    assert page.evaluate("window.__sameDocument === true"), "the page reloaded"
    assert page.get_by_text("Rest the knee").count() == 0
    assert "persona=physician" in page.url


def test_choice_is_remembered_on_the_next_visit(page, article_url):
    page.goto(article_url + "?persona=physician")
    page.goto(article_url)
    assert page.get_by_text("Consider the cell dose").is_visible()
    assert page.get_by_text("Rest the knee").count() == 0


def test_picker_works_without_javascript(browser, article_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(article_url)
        page.locator("[data-persona='physician']").click()
        page.wait_for_url("**persona=physician**")
        assert page.get_by_text("Consider the cell dose").is_visible()
        assert page.get_by_text("Rest the knee").count() == 0
    finally:
        close_when_idle(context)
