"""Chinese pages set their own punctuation: no space after a full-width colon, full-width
separators between a name and its credentials and in "What changed", and no gap between a
citation number and the full stop after it."""

import re

import pytest
from django.utils import timezone

from articles.models import UpdateNote
from articles.templatetags.article_tags import with_gap
from tests.factories import make_article, make_author, make_reference

FULL_WIDTH_THEN_SPACE = re.compile(r"[：，；。]\s")


def text_of(html):
    return re.sub(r"<[^>]+>", "", html)


def section(html, css_class):
    match = re.search(rf'<[a-z]+ class="{css_class}[^"]*"[^>]*>(.*?)</(?:aside|section|div|p)>', html, re.S)
    assert match, css_class
    return match.group(1)


@pytest.fixture
def chinese_article(db):
    make_reference("zhang-2020", title="剂量研究")
    author = make_author("张明", credentials_zh_hans="医学博士", disclosure_zh_hans="无")
    article = make_article(
        "zh-dose", lang="zh-hans", title="哪种剂量最好？", summary="较高剂量效果最好[@zhang-2020]。",
        body="## 研究\n\n三项试验都支持较高剂量[@zhang-2020]。", authors=[author],
    )
    UpdateNote.objects.create(article=article, note_zh_hans="补充了新的试验。", created_at=timezone.now())
    return article


def page_html(client, url="/zh-hans/articles/zh-dose/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_no_space_after_the_colon_of_last_updated(client, chinese_article):
    meta = text_of(section(page_html(client), "article-meta"))
    assert re.search(r"最后更新：\d{4}年", meta), meta
    assert not FULL_WIDTH_THEN_SPACE.search(meta)


def test_name_and_credentials_are_separated_by_a_full_width_comma(client, chinese_article):
    byline = text_of(section(page_html(client), "byline"))
    assert "张明，医学博士" in byline
    assert "张明, " not in byline
    assert "利益声明：无" in byline


def test_what_changed_uses_a_full_width_colon(client, chinese_article):
    notes = text_of(section(page_html(client), "update-notes"))
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日：补充了新的试验。", notes), notes
    assert ": " not in notes


def test_citation_number_is_followed_directly_by_the_full_stop(client, chinese_article):
    html = page_html(client)
    assert re.search(r"</sup>。", html)
    assert not re.search(r"</sup>\s+。", html)


def test_english_pages_keep_ascii_separators(client, db):
    author = make_author("Jane Doe", credentials_en="MD")
    article = make_article("en-dose", authors=[author])
    UpdateNote.objects.create(article=article, note_en="Added a trial.", created_at=timezone.now())
    html = page_html(client, "/en/articles/en-dose/")
    assert "Jane Doe, MD" in text_of(section(html, "byline"))
    assert re.search(r"\d{4}: Added a trial\.", text_of(section(html, "update-notes")))
    assert re.search(r"Last updated: \w", text_of(section(html, "article-meta")))


def test_a_label_ending_in_full_width_punctuation_takes_no_space():
    """Every "label: value" of the page (updated, reviewed, review due, disclosure, printed)
    goes through this filter, whatever the translation of the label."""
    assert with_gap("最后审核：") == "最后审核："
    assert with_gap("下次审核（预计）") == "下次审核（预计）"
    assert with_gap("Last reviewed:") == "Last reviewed: "
