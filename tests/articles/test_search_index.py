"""The stored search documents follow the articles: saves, topic changes, topic renames,
publication; only published articles are found."""

import pytest
from django.utils import timezone

from articles.models import ArticleSearch
from articles.search.query import find, parse_query
from tests.articles.test_revert_and_recover import edited  # noqa: F401 - fixture
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
    from articles.search.query import glossary_forms

    ids = [hit.article_id for hit in find(parse_query("PPI", glossary_forms()), "en")]
    assert len(ids) == 1


@pytest.mark.django_db
def test_topic_cleared_from_the_topic_side_leaves_the_search():
    topic = make_topic("sleep", name_en="Somnology")
    make_article("a", title="Is napping good?", summary="Yes.", topics=[topic])
    assert found("somnology") == ["a"]
    topic.articles.clear()
    assert found("somnology") == []


def test_revert_in_the_admin_brings_back_the_old_text_to_search(editor_client, edited):  # noqa: F811 - fixture
    from tests.articles.test_concurrent_edit import form_data_from
    from tests.articles.test_revert_and_recover import revert_url

    article, first, _original, _topic_a, _author_a = edited
    assert found("changed") == ["cells"]
    page = editor_client.get(revert_url(article, first))
    assert editor_client.post(revert_url(article, first), form_data_from(page)).status_code == 302
    assert found("changed") == []
    assert found("cells") == ["cells"]


@pytest.mark.django_db
def test_deleted_topic_leaves_the_search():
    topic = make_topic("sleep", name_en="Somnology")
    make_article("a", title="Is napping good?", summary="Yes.", topics=[topic])
    topic.delete()
    assert found("somnology") == []


@pytest.mark.django_db
def test_rebuild_command_catches_up_with_text_changed_by_update():
    from io import StringIO

    from django.core.management import call_command

    from articles.models import Article

    make_article("a", title="Is napping good?", summary="Yes.")
    Article.objects.filter(slug="a").update(title_en="Is dozing good?")
    assert found("dozing") == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert out.getvalue() == "Indexed 1 article(s).\n"
    assert found("dozing") == ["a"]
