import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Citation
from tests.factories import make_article, make_reference


def test_slug_is_unique(db):
    make_article(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="same")


def test_publishing_sets_the_published_date(db):
    article = make_article(status="draft")
    assert article.published_at is None
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at is not None


def test_database_refuses_a_published_article_without_a_date(db):
    article = make_article(status="draft")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status="published", published_at=None)


def test_only_published_articles_whose_date_has_come_are_published(db):
    live = make_article(status="published")
    make_article(status="draft")
    make_article(status="archived")
    make_article(status="published", published_at=timezone.now() + timezone.timedelta(days=1))
    assert list(Article.objects.published()) == [live]


def test_last_updated_moves_when_reader_visible_text_changes(db):
    article = make_article()
    before = article.content_updated_at
    article.body_en = "New text."
    article.save()
    assert article.content_updated_at > before


def test_last_updated_stays_on_a_metadata_only_save(db):
    article = make_article()
    article = Article.objects.get(pk=article.pk)
    before = article.content_updated_at
    article.status = Article.Status.ARCHIVED
    article.save()
    article.refresh_from_db()
    assert article.content_updated_at == before


def test_citations_are_stored_per_language_on_save(db):
    make_reference(key="a")
    make_reference(key="b")
    article = make_article(summary="Answer [@b].", body="Text [@a; @b].", title_zh_hans="问题", summary_zh_hans="答案 [@a]。")
    stored = {(c.reference.key, c.language, c.number) for c in Citation.objects.filter(article=article)}
    assert stored == {("b", "en", 1), ("a", "en", 2), ("a", "zh-hans", 1)}


def test_citations_follow_the_text_when_it_changes(db):
    ref_a = make_reference(key="a")
    make_reference(key="b")
    article = make_article(summary="Answer [@a].", body="")
    article.summary_en = "Answer [@b]."
    article.save()
    assert list(article.citations.values_list("reference__key", flat=True)) == ["b"]
    assert not ref_a.citations.exists()


def test_articles_citing_a_reference_is_one_query(db, django_assert_num_queries):
    ref = make_reference(key="a")
    for _ in range(3):
        make_article(summary="Answer [@a].")
    with django_assert_num_queries(1):
        slugs = list(Article.objects.filter(citations__reference=ref).distinct().values_list("slug", flat=True))
    assert len(slugs) == 3
