"""axe-core on the article change form: no serious or critical violation in what we add."""

import importlib

import pytest
import reversion
from django.apps import apps
from reversion.models import Version

from tests.browser.accessibility import axe_violations
from tests.browser.test_editor_workbench import log_in
from tests.factories import make_article, make_reference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def form_page(browser, live_server, editor):
    # axe is injected inline: only this test's context bypasses the page's CSP.
    page = browser.new_context(locale="en-US", bypass_csp=True).new_page()
    importlib.import_module("articles.migrations.0002_default_personas").create_personas(apps, None)
    make_reference("smith2024", title="Stem cells for knee osteoarthritis")
    article = make_article(slug="knee", body="## Evidence\n\nPain fell [@smith2024].\n\nBad [@nope].\n")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.locator("#workbench-problems li").first.wait_for()  # the preview has answered
    page.fill("#workbench-search", "knee")
    page.locator(".workbench-result").first.wait_for()
    return page


def test_workbench_has_no_serious_accessibility_violation(form_page):
    assert axe_violations(form_page, include="#workbench") == []


def test_change_form_has_no_serious_accessibility_violation(form_page):
    assert axe_violations(form_page) == []


def test_restore_form_has_no_serious_accessibility_violation(browser, live_server, editor):
    """The revert form: the same fields, its language tabs hold no nested link either."""
    page = browser.new_context(locale="en-US", bypass_csp=True).new_page()
    article = make_article(slug="knee", title_zh_hans="膝关节", summary_zh_hans="休息。")
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).first()
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/{version.pk}/")
    page.wait_for_function(
        "document.querySelector(\"li[aria-controls='tab_id_body_zh_hans'] a\")?.textContent === '简体中文'"
    )
    assert axe_violations(page) == []
