"""Every admin list of the articles app costs the same number of queries for 3 rows as for 30."""

import pytest

from articles.models import Article, GlossaryTerm, UpdateNote
from tests.articles.followup_helpers import question_for
from tests.factories import make_article, make_author, make_reference, make_topic
from tests.list_queries import list_page


def _cited_article(slug):
    keys = [make_reference(f"{slug}-{i}").key for i in range(3)]
    return make_article(slug, summary="Yes " + " ".join(f"[@{key}]" for key in keys) + ".",
                        topics=[make_topic(), make_topic()])


def _articles(n, start):
    for i in range(start, start + n):
        _cited_article(f"listed-{i}")


def _chinese_missing(n, start):
    for i in range(start, start + n):
        make_article(f"untranslated-{i}")


def _questions(n, start):
    for i in range(start, start + n):
        article = make_article(f"asked-{i}")
        question_for(article, **({"answer_article": article, "status": "answered"} if i % 2 else {}))


def _notes(n, start):
    for i in range(start, start + n):
        UpdateNote.objects.create(article=make_article(f"noted-{i}"), note_en=f"Changed {i}.")


def _terms(n, start):
    for i in range(start, start + n):
        GlossaryTerm.objects.create(term_en=f"term{i}", lay_explanation_en="plain words")


def _topics(n, start):
    for _ in range(n):
        make_topic()


def _authors(n, start):
    for i in range(start, start + n):
        make_author(f"Dr Author {i}")


LISTS = {
    "articles": ("/admin/articles/article/", _articles),
    "translation queue": ("/admin/articles/translationtask/", _chinese_missing),
    "follow-up questions": ("/admin/articles/followupquestion/", _questions),
    "update notes": ("/admin/articles/updatenote/", _notes),
    "glossary": ("/admin/articles/glossaryterm/", _terms),
    "topics": ("/admin/articles/topic/", _topics),
    "authors": ("/admin/articles/author/", _authors),
}


@pytest.mark.parametrize("name", LISTS)
def test_admin_list_costs_the_same_for_3_and_30_rows(client, chief_editor, name):
    url, add = LISTS[name]
    client.force_login(chief_editor)
    add(3, 0)
    few, response, _sql = list_page(client, url)
    add(27, 3)
    many, response, _sql = list_page(client, url)
    assert many == few, name


def test_article_list_counts_each_articles_cited_references(client, editor):
    _cited_article("three-refs")
    shared = make_reference("shared")
    make_article("cites-one-twice", summary="Yes [@shared].", title_zh_hans="是吗？",
                 summary_zh_hans="是 [@shared]。")
    make_article("cites-none")
    client.force_login(editor)
    _count, response, _sql = list_page(client, "/admin/articles/article/")
    counts = {article.slug: article.citation_count for article in response.context["cl"].result_list}
    assert counts == {"three-refs": 3, "cites-one-twice": 1, "cites-none": 0}
    assert shared.citations.count() == 2  # one reference cited in two languages counts once
    assert Article.objects.count() == 3
