"""The article page's <head>: description from the key answer, canonical, Open Graph, hreflang
to the language versions that exist, and a fallback page that is noindex and canonical to the
original."""

from html.parser import HTMLParser

import pytest

from tests.factories import make_article


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.in_head = {}, [], True

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.in_head = False
        if not self.in_head:
            return
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta.setdefault(attrs.get("name") or attrs.get("property"), []).append(attrs.get("content"))
        if tag == "link":
            self.links.append(attrs)


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = Head()
    parser.feed(response.content.decode())
    return parser


def hreflangs(parsed):
    return {link["hreflang"]: link["href"] for link in parsed.links if link.get("rel") == "alternate"}


def canonical(parsed):
    return [link["href"] for link in parsed.links if link.get("rel") == "canonical"]


LONG_ANSWER = (
    "Usually **not**: if kidney function is reasonably preserved [@ref-a], metformin can be continued "
    "through an intravenous contrast CT; it is paused for 48 hours only when the kidneys are acutely "
    "injured or contrast is given into an artery <script>alert(1)</script>."
)


@pytest.fixture
def english_only(db):
    return make_article("en-only", title="Stop metformin before CT?", summary=LONG_ANSWER)


@pytest.fixture
def bilingual(db):
    return make_article("both", title="Both?", summary="Yes, both.", title_zh_hans="两种？", summary_zh_hans="是的。")


def test_description_is_the_key_answer_as_plain_text_about_160_characters(client, english_only):
    description = head(client, "/en/articles/en-only/").meta["description"][0]
    assert description.startswith("Usually not: if kidney function is reasonably preserved, metformin")
    assert "**" not in description and "[@" not in description
    assert len(description) <= 160 and description.endswith("…")
    assert "<script>" not in client.get("/en/articles/en-only/").content.decode().split("</head>")[0]


def test_open_graph_and_canonical_name_the_page(client, bilingual):
    parsed = head(client, "/zh-hans/articles/both/?persona=physician")
    assert canonical(parsed) == ["http://testserver/zh-hans/articles/both/"]
    assert parsed.meta["og:url"] == ["http://testserver/zh-hans/articles/both/"]
    assert parsed.meta["og:title"] == ["两种？"]
    assert parsed.meta["og:description"] == ["是的。"]
    assert parsed.meta["og:type"] == ["article"]
    assert parsed.meta["og:locale"] == ["zh_CN"] and parsed.meta["og:locale:alternate"] == ["en_US"]
    assert "robots" not in parsed.meta


def test_bilingual_page_has_hreflang_both_ways(client, bilingual):
    expected = {
        "en": "http://testserver/en/articles/both/",
        "zh-hans": "http://testserver/zh-hans/articles/both/",
        "x-default": "http://testserver/articles/both/",
    }
    assert hreflangs(head(client, "/en/articles/both/")) == expected
    assert hreflangs(head(client, "/zh-hans/articles/both/")) == expected


def test_fallback_page_is_noindex_and_points_to_the_original(client, english_only):
    parsed = head(client, "/zh-hans/articles/en-only/")
    assert parsed.meta["robots"] == ["noindex"]
    assert canonical(parsed) == ["http://testserver/en/articles/en-only/"]
    assert hreflangs(parsed) == {"en": "http://testserver/en/articles/en-only/", "x-default": "http://testserver/articles/en-only/"}
    original = head(client, "/en/articles/en-only/")
    assert "robots" not in original.meta
    assert hreflangs(original) == hreflangs(parsed)


def test_chinese_only_article_opened_in_english_points_to_the_chinese_page(client, db):
    make_article("zh", lang="zh-hans", title="只有中文？", summary="是。")
    parsed = head(client, "/en/articles/zh/")
    assert parsed.meta["robots"] == ["noindex"]
    assert canonical(parsed) == ["http://testserver/zh-hans/articles/zh/"]
    assert hreflangs(parsed) == {"zh-hans": "http://testserver/zh-hans/articles/zh/"}


def test_preview_stays_noindex_without_canonical(client, editor, db):
    make_article("draft", title="Draft?", summary="Not yet.", status="draft")
    client.force_login(editor)
    parsed = head(client, "/en/articles/draft/preview/")
    assert parsed.meta["robots"] == ["noindex, nofollow"]
    assert canonical(parsed) == [] and hreflangs(parsed) == {}
