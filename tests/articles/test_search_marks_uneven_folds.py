"""Marks land on the words the reader wrote even when, before them, the text has characters
that search folds into more or fewer characters ("…" is "...", "ﬁ" is "fi", a lone accent
is nothing): the snippet and title mark the original text, not the folded one."""

import pytest

from tests.factories import make_article


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_words_after_expanding_characters_are_marked_where_they_are(client):
    make_article(
        "brace",
        title="Braces… and ﬁtted knee braces?",
        summary="Worn daily… a ﬁtted brace eases pain.",
    )
    html = get(client, "/en/search/", q="fitted brace")
    assert "<mark>Braces</mark>… and <mark>ﬁtted</mark> knee <mark>braces</mark>?" in html
    assert "Worn daily… a <mark>ﬁtted</mark> <mark>brace</mark> eases pain." in html


@pytest.mark.django_db
def test_chinese_words_after_ellipses_and_lone_accents_are_marked(client):
    make_article(
        "zh",
        lang="zh-hans",
        title="腰痛……怎么办？",
        summary="休息\u0301……针灸可能缓解腰痛。",
    )
    html = get(client, "/zh-hans/search/", q="腰痛")
    assert "<mark>腰痛</mark>……怎么办？" in html
    assert "休息\u0301……针灸可能缓解<mark>腰痛</mark>。" in html


@pytest.mark.django_db
def test_a_word_that_is_found_only_in_the_body_gets_a_marked_snippet_of_the_body(client):
    make_article(
        "knee",
        title="Knee pain",
        summary="Exercise… helps most people.",
        body="Introduction… " + "Some text. " * 40 + "A ﬁtted orthosis may help.",
    )
    html = get(client, "/en/search/", q="orthosis")
    assert "<mark>orthosis</mark> may help." in html
    assert "…" in html.split("<mark>orthosis</mark>", 1)[0][-300:]  # the passage is cut before it
