"""When a published article is saved, once the transaction commits, each language version
readers see x each persona is rendered and kept in the database (so readers' first requests,
even with the cache emptied, render nothing) and its related articles are ranked and stored
(so its first reader does not rank them)."""

import pytest
from django.core.cache import cache
from django.db import transaction

from articles.models import Article, Persona, RelatedList, StoredRender
from articles.public.related import related_articles
from tests.articles.stored_render_helpers import view
from tests.factories import make_article, make_topic

pytestmark = pytest.mark.usefixtures("emptiable_cache")


def publish(django_capture_on_commit_callbacks, slug, **fields):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        return make_article(slug, **fields)


def test_saving_stores_every_language_and_persona(client, db, django_capture_on_commit_callbacks, markdown_work):
    knee = publish(django_capture_on_commit_callbacks, "knee", summary="Rest helps.", body="A stored text.",
                   title_zh_hans="膝盖？", summary_zh_hans="休息。", body_zh_hans="储存的文字。")
    codes = sorted(Persona.objects.values_list("code", flat=True))
    stored = sorted(StoredRender.objects.filter(article=knee).values_list("language", "persona"))
    assert stored == sorted((lang, code) for lang in ("en", "zh-hans") for code in codes)

    cache.clear()
    markdown_work.clear()
    for code in codes:
        assert "A stored text." in view(client, code)
        assert "储存的文字。" in view(client, code, "/zh-hans/articles/knee/")
    assert markdown_work == []


def test_saving_ranks_the_related_list_with_the_topics_set_in_the_same_transaction(
    client, db, django_capture_on_commit_callbacks
):
    knees = make_topic("knees", name_en="Knees")
    older = make_article("older-knee", title="Knee braces?", topics=[knees])
    newer = publish(django_capture_on_commit_callbacks, "newer-knee", topics=[knees])  # topics set after the save
    stored = RelatedList.objects.get(article=newer)
    assert older.pk in next(iter(stored.rankings.values()))

    article = Article.objects.published().select_related("related_list").get(pk=newer.pk)
    with django_capture_on_commit_callbacks(execute=True):
        shown, _versions = related_articles(article, topic_ids=[knees.pk], reference_ids=[])
    assert [a.slug for a in shown] == ["older-knee"]
    assert "Knee braces?" in view(client, "patient", "/en/articles/newer-knee/")


def test_a_stored_list_is_not_ranked_again_at_save(db, django_capture_on_commit_callbacks):
    knees = make_topic("knees")
    make_article("older-knee", topics=[knees])
    newer = publish(django_capture_on_commit_callbacks, "newer-knee", topics=[knees])
    RelatedList.objects.filter(article=newer).update(rankings={"kept": [1]})
    with django_capture_on_commit_callbacks(execute=True):
        newer.save()  # nothing readers' lists depend on changed: the list stays
    assert RelatedList.objects.get(article=newer).rankings == {"kept": [1]}
