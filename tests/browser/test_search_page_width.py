"""The search page stays as wide as the screen whatever the reader typed."""

import pytest

from tests.browser.idle import close_when_idle
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_a_long_unbroken_query_does_not_widen_the_page(browser, live_server, width):
    make_article(slug="knee", title="Which dose is best?", summary="A middle dose.", status="published")
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/search/?q={'x' * 200}")
    assert "0 articles found" in page.locator(".search-count").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    close_when_idle(context)
