"""The question and its key answer are on the first screen of a phone and of a desktop, with
nothing before the question in the heading order; on a desktop the trust box and the persona
picker are on it too, and the table of contents stays in view beside the text."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def demo_url(live_server):
    # A transactional test starts from an emptied database: put the default personas back.
    importlib.import_module("articles.migrations.0002_default_personas").create_personas(apps, None)
    call_command("import_article", "demo/articles/msc-knee-dose.en.md", "demo/articles/msc-knee-dose.zh-hans.md",
                 stdout=io.StringIO())
    return lambda lang, persona="patient": f"{live_server.url}/{lang}/articles/msc-knee-dose/?persona={persona}"


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def headings_in_order(page):
    return page.evaluate("Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'), h => h.tagName)")


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("persona", ["patient", "physician"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_question_and_key_answer_are_on_the_first_screen(browser, demo_url, lang, persona, viewport):
    page = browser.new_page(viewport=viewport)
    page.goto(demo_url(lang, persona))
    title, answer = box(page, "h1"), box(page, ".key-answer")
    assert title["y"] >= 0
    assert answer["y"] > title["y"]
    assert answer["y"] + answer["height"] <= viewport["height"], "the key answer ends below the first screen"
    assert headings_in_order(page)[0] == "H1"
    page.close()


def test_on_a_desktop_trust_box_and_persona_picker_are_on_the_first_screen(browser, demo_url):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo_url("en"))
    trust, title, picker = box(page, ".trust"), box(page, "h1"), box(page, ".persona-picker")
    assert trust["x"] > title["x"] + title["width"], "the trust box sits beside the question"
    assert trust["y"] < DESKTOP["height"] / 2
    assert picker["y"] + picker["height"] <= DESKTOP["height"]
    page.close()


def test_on_a_phone_the_trust_box_follows_the_key_answer(browser, demo_url):
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url("en"))
    answer, trust = box(page, ".key-answer"), box(page, ".trust")
    assert answer["y"] + answer["height"] <= trust["y"] < PHONE["height"]
    page.close()


def test_on_a_desktop_the_table_of_contents_stays_in_view_beside_the_text(browser, demo_url):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo_url("en"))
    page.locator("#references-title").scroll_into_view_if_needed()
    toc, body = box(page, ".toc"), box(page, ".article-body")
    assert 0 <= toc["y"] < DESKTOP["height"], "the table of contents scrolled away"
    assert toc["x"] + toc["width"] <= body["x"]
    page.close()


def test_chinese_citation_number_sits_against_the_following_full_stop(browser, demo_url):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo_url("zh-hans"))
    gaps = page.evaluate("""() => {
        const gaps = [];
        for (const sup of document.querySelectorAll('.article-body sup.citation')) {
            const next = sup.nextSibling;
            if (!next || next.nodeType !== Node.TEXT_NODE || !next.data.startsWith('。')) continue;
            const digits = document.createRange();
            digits.selectNodeContents(sup.lastElementChild);
            const stop = document.createRange();
            stop.setStart(next, 0);
            stop.setEnd(next, 1);
            gaps.push(stop.getBoundingClientRect().left - digits.getBoundingClientRect().right);
        }
        return gaps;
    }""")
    assert gaps, "the demo text has citations before a full stop"
    assert max(gaps) <= 0.5, gaps
    page.close()
