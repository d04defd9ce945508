"""axe-core on the article change form: no serious or critical violation in what we add."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps

from tests.browser.test_editor_workbench import log_in
from tests.factories import make_article, make_reference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def serious_violations(page, include=None):
    page.add_script_tag(path=str(AXE))
    context = "document" if include is None else f"{{include: {include!r}}}"
    result = page.evaluate(f"axe.run({context}, {{resultTypes: ['violations']}})")
    return [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def form_page(page, live_server, editor):
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
    assert serious_violations(form_page, include=[["#workbench"]]) == []


def test_change_form_has_no_serious_accessibility_violation(form_page):
    assert serious_violations(form_page) == []
