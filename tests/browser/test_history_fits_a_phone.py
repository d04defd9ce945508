"""An article's history page on a phone: the table scrolls inside its box, the page does not
scroll sideways (it was 570 px wide at 375 px)."""

import pytest
import reversion

from tests.browser.test_editor_workbench import log_in
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_history_page_does_not_scroll_sideways_on_a_phone(page, live_server, editor):
    with reversion.create_revision():
        article = make_article(slug="knee-cells", summary="One injection.")
        reversion.set_user(editor)
    with reversion.create_revision():
        article.summary_en = "Two smaller injections, four weeks apart."
        article.save()
        reversion.set_user(editor)
        reversion.set_comment("Changed Key answer [en] after the 2025 trial.")
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    assert page.locator(".history-table table tbody tr").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    box = page.locator(".history-table")
    assert box.evaluate("element => getComputedStyle(element).overflowX") == "auto"
