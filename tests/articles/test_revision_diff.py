"""articles.editing.history: token diffs (words for English, characters for Chinese) and version comparison."""

import re

import pytest
import reversion
from django.utils import translation
from reversion.models import Version

from articles.editing.history import changed_fields, compare_versions, diff_html, tokenize
from tests.factories import make_article, make_reference, make_topic

DEL_RE = re.compile(r'<del class="diff-del"><span class="visually-hidden">\[deleted: </span>(.*?)<span')
INS_RE = re.compile(r'<ins class="diff-ins"><span class="visually-hidden">\[added: </span>(.*?)<span')


@pytest.fixture(autouse=True)
def english():
    """The "[deleted: " labels are translated: pin the language these tests read."""
    with translation.override("en"):
        yield


def marked(html):
    return DEL_RE.findall(html), INS_RE.findall(html)


def test_tokenize_splits_words_and_cjk_characters():
    assert tokenize("Rest the knee") == ["Rest", " ", "the", " ", "knee"]
    assert tokenize("1.0×10^8个细胞") == ["1", ".", "0", "×", "10", "^", "8", "个", "细", "胞"]
    assert tokenize("MSC治疗 works") == ["MSC", "治", "疗", " ", "works"]


def test_english_edit_marks_exactly_the_changed_words():
    html = diff_html(
        "Rest the knee for two weeks before running.", "Rest the knee for six weeks before walking."
    )
    assert marked(html) == (["two", "running"], ["six", "walking"])
    assert "Rest the knee for " in html


def test_chinese_edit_marks_exactly_the_changed_characters():
    html = diff_html("每次注射1.0×10^8个细胞。", "每次注射5.0×10^7个细胞。")
    assert marked(html) == (["1", "8"], ["5", "7"])
    assert "个细胞。" in html


def test_unchanged_text_and_changes_are_escaped():
    html = diff_html("<b>old</b>", "<b>new</b>")
    assert "<b>" not in html
    assert marked(html) == (["old"], ["new"])


def test_identical_texts_have_no_marks():
    assert marked(diff_html("same 文本", "same 文本")) == ([], [])


def test_changed_fields_lists_field_and_language():
    old = {
        "title_en": "Q?",
        "title_zh_hans": "问？",
        "body_en": "",
        "status": "draft",
        "slug": "a",
        "topics": [1, 2],
    }
    new = dict(old, title_zh_hans="问题？", status="published", topics=[2, 1])
    assert changed_fields(old, new) == [("title", "zh-hans"), ("status", None)]


def _versions(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


def test_compare_versions_gives_per_language_rows_and_reference_lists(db):
    make_reference("smith2020", title="Knee study")
    make_reference("lee2021", title="Cell dose trial")
    topic = make_topic("knees", name_en="Knees")
    with reversion.create_revision():
        article = make_article(
            title="Does rest help?",
            summary="Rest helps [@smith2020].",
            title_zh_hans="休息有用吗？",
            summary_zh_hans="每次注射1.0×10^8个细胞。",
        )
    with reversion.create_revision():
        article.summary_en = "Rest helps [@lee2021]."
        article.summary_zh_hans = "每次注射5.0×10^7个细胞。"
        article.save()
        article.topics.add(topic)
    old, new = _versions(article)
    rows = compare_versions(old, new)
    by_key = {(row.field, row.lang): row for row in rows}
    assert set(by_key) == {
        ("summary", "en"),
        ("summary", "zh-hans"),
        ("topics", None),
        ("references", "en"),
    }
    assert marked(by_key[("summary", "zh-hans")].html) == (["1", "8"], ["5", "7"])
    assert marked(by_key[("summary", "en")].html) == (["smith2020"], ["lee2021"])
    assert by_key[("summary", "en")].language_label == "English"
    assert "Knees" in by_key[("topics", None)].html
    refs = by_key[("references", "en")].html
    assert refs.startswith("1. ")
    deleted, added = marked(refs)
    assert "smith2020" in deleted and "lee2021" in added
    assert "Knee" in refs and "Cell" in refs
