"""The article list and the article form fit a 1280 px wide screen."""

import importlib

import pytest
import reversion
from django.apps import apps
from reversion.models import Version

from articles.models import Article
from reviews.models import Review, ReviewState
from tests.browser.test_editor_workbench import log_in
from tests.factories import make_article, make_reference, make_topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_page(page, live_server, editor):
    importlib.import_module("articles.migrations.0002_default_personas").create_personas(apps, None)
    make_reference("smith2024")
    topic = make_topic("regenerative-medicine", name_en="Regenerative medicine")
    article = make_article(
        slug="mesenchymal-stem-cells-for-knee-osteoarthritis-dose",
        title="Which dose of mesenchymal stem cells injected into the knee relieves the pain of osteoarthritis best "
              "in adults over sixty who have tried physiotherapy and painkillers?",
        summary="A middle dose [@smith2024].", topics=[topic],
        title_zh_hans="间充质干细胞注射入膝关节的哪种剂量最能缓解骨关节炎疼痛？", summary_zh_hans="中等剂量 [@smith2024]。",
    )
    # The longest review states, in both languages (the column the reviews app adds).
    Review.objects.create(article=article, language="en", state=ReviewState.CHANGES_REQUESTED)
    Review.objects.create(article=article, language="zh-hans", state=ReviewState.UNDER_REVIEW)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server)
    return page, live_server


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_article_list_fits_1280_px(admin_page):
    page, live_server = admin_page
    page.goto(f"{live_server.url}/admin/articles/article/")
    assert overflow(page) <= 0
    # The admin scrolls a too wide table inside its box: nothing may be hidden there either.
    assert page.evaluate("(() => { const r = document.querySelector('.results'); return r.scrollWidth - r.clientWidth; })()") <= 0
    headers = page.locator("#result_list thead th").all_inner_texts()
    for column in ("STATUS", "LAST UPDATED", "MEDICAL REVIEW", "CITATIONS", "PREVIEW"):
        assert any(column in header.upper() for header in headers)
    preview = page.locator("#result_list a", has_text="Preview")
    box = preview.bounding_box()
    assert box["x"] + box["width"] <= 1280
    review = page.locator("td.field-list_column_review_state")
    assert "English: Changes requested" in review.inner_text()
    assert "简体中文: Under review" in review.inner_text()


def test_article_form_fits_1280_px(admin_page):
    page, live_server = admin_page
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    assert overflow(page) <= 0
    body = page.locator("#id_body_en").bounding_box()
    assert body["height"] >= 400  # a tall editor


def test_language_tabs_are_named_by_their_language_and_still_switch(admin_page):
    page, live_server = admin_page
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    tabs = page.locator("li[aria-controls='tab_id_body_zh_hans'] a")
    tabs.wait_for()
    assert page.locator("li[aria-controls='tab_id_body_en'] a").inner_text().lower() == "english"
    assert tabs.get_attribute("lang") == "zh-hans"
    assert tabs.text_content() == "简体中文"
    assert not page.locator("#id_body_zh_hans").is_visible()
    tabs.click()
    assert page.locator("#id_body_zh_hans").is_visible()


def test_language_tabs_of_the_restore_form_are_named_by_their_language(admin_page):
    """The revert form shows the same fields as the article form: English / 简体中文, not
    EN / ZH-HANS (the tabs' codes), with no link nested in a tab."""
    page, live_server = admin_page
    article = Article.objects.get(slug="mesenchymal-stem-cells-for-knee-osteoarthritis-dose")
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).first()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/{version.pk}/")
    page.get_by_role("button", name="Restore this revision").or_(page.locator("input[type=submit]")).first.wait_for()
    tab = page.locator("li[aria-controls='tab_id_body_zh_hans'] a")
    tab.wait_for()
    page.wait_for_function(
        "document.querySelector(\"li[aria-controls='tab_id_body_zh_hans'] a\").textContent === '简体中文'"
    )
    assert page.locator("li[aria-controls='tab_id_body_en'] a").inner_text().lower() == "english"
    assert tab.get_attribute("href") is None
    tab.click()
    assert page.locator("#id_body_zh_hans").is_visible()
