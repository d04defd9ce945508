"""The article index and topic pages."""

import pytest

from tests.factories import make_article, make_topic


@pytest.fixture
def library(db):
    knees = make_topic("knees", name_en="Knees", name_zh_hans="膝关节")
    drugs = make_topic("drugs", name_en="Medicines")
    make_article("knee-a", title="Knee question A?", topics=[knees])
    make_article("both", title="Knee drug question?", topics=[knees, drugs])
    make_article("loose", title="Question without topic?")
    make_article("secret", title="Draft question?", status="draft", topics=[knees])
    make_article("zh-only", lang="zh-hans", title="只有中文的问题？", topics=[drugs])
    return knees, drugs


def test_index_lists_each_published_article_once_with_its_topics_as_labels(client, library):
    response = client.get("/en/articles/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('href="/en/articles/both/"') == 1
    card = html[html.index('href="/en/articles/both/"') :].split("</li>\n", 3)
    labels = "".join(card[:3])
    assert '<a href="/en/topics/knees/">Knees</a>' in labels
    assert '<a href="/en/topics/drugs/">Medicines</a>' in labels
    assert "Question without topic?" in html
    assert "Draft question?" not in html


def test_index_marks_untranslated_titles(client, library):
    html = client.get("/en/articles/").content.decode()
    assert 'lang="zh-hans">只有中文的问题？</a>' in html
    assert "Not yet translated" in html


def test_index_in_chinese_uses_chinese_topic_names(client, library):
    html = client.get("/zh-hans/articles/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "膝关节" in html
    assert 'href="/zh-hans/articles/knee-a/"' in html


def test_index_has_the_persona_picker(client, library):
    html = client.get("/en/articles/").content.decode()
    assert "Which best describes you?" in html
    assert 'href="/en/articles/?persona=physician"' in html


def test_topic_page_lists_its_published_articles(client, library):
    response = client.get("/en/topics/knees/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Knees</h1>" in html
    assert "Knee question A?" in html
    assert "Draft question?" not in html
    assert "Question without topic?" not in html


def test_unknown_topic_is_not_found(client, db):
    assert client.get("/en/topics/nothing/").status_code == 404


def test_empty_index_says_so(client, db):
    html = client.get("/en/articles/").content.decode()
    assert "No articles have been published yet." in html


def test_topic_page_shows_its_description_in_the_page_language(client, db):
    make_topic("hips", name_en="Hips", description_en="The hip joint.", name_zh_hans="髋关节",
               description_zh_hans="髋关节相关内容。")
    assert "The hip joint." in client.get("/en/topics/hips/").content.decode()
    assert "髋关节相关内容。" in client.get("/zh-hans/topics/hips/").content.decode()


def test_chinese_cards_put_no_space_after_the_full_width_colon(client, db):
    from tests.factories import make_article

    make_article("zh-card", status="published", title="Q?", summary="A.", title_zh_hans="问？", summary_zh_hans="答。")
    html = client.get("/zh-hans/articles/").content.decode()
    assert "最后更新：<time" in html and "最后更新： <time" not in html
