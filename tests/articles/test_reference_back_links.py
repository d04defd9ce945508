"""A source cited in several places links back to each of them from the reference list
(↑ a b c), one cited once links back with ↑ alone; only places the reader is shown count."""

import re

import pytest

from tests.factories import make_article, make_reference

pytestmark = pytest.mark.django_db

BODY = """## Evidence

A trial [@trial]. A guideline [@guideline].

::: {audience="physician"}
For clinicians, the trial again [@trial].
:::

Once more [@guideline; @trial]. A cohort [@cohort].
"""


@pytest.fixture
def article():
    make_reference("trial", title="A trial")
    make_reference("guideline", title="A guideline")
    make_reference("cohort", title="A cohort")
    return make_article("back-links", title="Does it work?", summary="Yes [@trial].", body=BODY)


def back_links(html, number):
    item = re.search(rf'<li id="ref-{number}".*?</li>', html, re.S).group(0)
    return re.findall(r'<a class="reference__back" href="#([^"]+)"[^>]*>(?:<span aria-hidden="true">([^<]*)</span>)', item)


def test_a_source_cited_in_several_places_links_back_to_each(client, article):
    html = client.get("/en/articles/back-links/?persona=physician").content.decode()

    assert back_links(html, 1) == [("cite-1", "a"), ("cite-1-2", "b"), ("cite-1-3", "c"), ("cite-1-4", "d")]
    for anchor in ("cite-1", "cite-1-2", "cite-1-3", "cite-1-4"):
        assert html.count(f'id="{anchor}"') == 1


def test_places_in_a_block_the_reader_is_not_shown_are_not_linked(client, article):
    html = client.get("/en/articles/back-links/?persona=patient").content.decode()

    assert back_links(html, 1) == [("cite-1", "a"), ("cite-1-2", "b"), ("cite-1-3", "c")]
    assert 'id="cite-1-4"' not in html


def test_a_source_cited_once_links_back_with_an_arrow_alone(client, article):
    html = client.get("/en/articles/back-links/?persona=patient").content.decode()

    assert back_links(html, 2) == [("cite-2", "a"), ("cite-2-2", "b")]
    assert back_links(html, 3) == [("cite-3", "↑")]


def test_screen_readers_hear_which_citation_a_back_link_returns_to_in_chinese(client):
    # "返回正文中的第 3 处引用" said "the third place cited", not citation 3.
    make_reference("trial", title="A trial")
    make_article("zh-back", title="有效吗？", summary="有效 [@trial]。", title_zh_hans="有效吗？",
                 summary_zh_hans="有效 [@trial]。")
    html = client.get("/zh-hans/articles/zh-back/").content.decode()
    item = re.search(r'<li id="ref-1".*?</li>', html, re.S).group(0)
    assert '<span class="visually-hidden">返回正文中的引用 1</span>' in item
