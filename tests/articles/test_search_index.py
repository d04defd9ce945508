"""The stored search documents follow the articles: saves, topic changes, topic renames,
publication; only published articles are found."""

import pytest
from django.utils import timezone

from articles.models import ArticleSearch
from articles.search import find, parse_query
from tests.factories import make_article, make_topic


def found(query, lang="en"):
    from articles.models import Article

    ids = [hit.article_id for hit in find(parse_query(query, []), lang)]
    return list(Article.objects.filter(pk__in=ids).values_list("slug", flat=True))


@pytest.mark.django_db
def test_each_language_version_has_a_folded_plain_document():
    article = make_article(
        "a", title="Does **Ménière’s** disease [@x] need salt?", summary="No [@x].",
        title_zh_hans="梅尼埃病需要限盐吗？", summary_zh_hans="不需要。",
    )
    documents = {d.language: d for d in ArticleSearch.objects.filter(article=article)}
    assert set(documents) == {"en", "zh-hans"}
    assert documents["en"].title == "does meniere’s disease need salt?"
    assert documents["zh-hans"].title == "梅尼埃病需要限盐吗?"  # full-width forms folded too


@pytest.mark.django_db
def test_edited_text_is_found_and_old_text_is_not():
    article = make_article("a", title="Is walking good?", summary="Yes.")
    article.title_en = "Is swimming good?"
    article.save()
    assert found("swimming") == ["a"]
    assert found("walking") == []


@pytest.mark.django_db
def test_topics_are_searchable_and_follow_renames_and_changes():
    topic = make_topic("sleep", name_en="Sleep medicine")
    article = make_article("a", title="Is napping good?", summary="Yes.", topics=[topic])
    assert found("medicine") == ["a"]
    topic.name_en = "Insomnia care"
    topic.save()
    assert found("insomnia") == ["a"]
    article.topics.clear()
    assert found("insomnia") == []


@pytest.mark.django_db
def test_draft_is_found_once_published_and_not_before():
    article = make_article("a", title="Is cycling good?", summary="Yes.", status="draft")
    assert found("cycling") == []
    article.status = "published"
    article.published_at = timezone.now()
    article.save()
    assert found("cycling") == ["a"]


@pytest.mark.django_db
def test_article_scheduled_for_later_is_not_found():
    make_article("later", title="Is rowing good?", summary="Yes.", published_at=timezone.now() + timezone.timedelta(days=1))
    assert found("rowing") == []


@pytest.mark.django_db
def test_glossary_synonym_finds_the_term():
    from articles.models import GlossaryTerm

    GlossaryTerm.objects.create(term_en="proton pump inhibitor", synonyms_en="PPI", lay_explanation_en="acid pill")
    make_article("ppi", title="Can I take a proton pump inhibitor for years?", summary="Often yes.")
    from articles.search import glossary_forms

    ids = [hit.article_id for hit in find(parse_query("PPI", glossary_forms()), "en")]
    assert len(ids) == 1
