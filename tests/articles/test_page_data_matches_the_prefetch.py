"""The article page reads its topics, language versions, update notes and authors in lean
queries (public/page_data.py): the same rows, in the same order and with the same values
(dates aware, translated fields in every language), as Django's prefetch of
``with_page_data()``, and reading them afterwards costs no query."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, UpdateNote
from articles.public import page_data
from tests.factories import make_article, make_author, make_topic


def values(article):
    topics = [(t.pk, t.slug, t.name_en, t.name_zh_hans) for t in article.topics.all()]
    versions = [(v.language, v.text_changed_at, v.source_changed_at) for v in article.language_versions.all()]
    notes = [(n.pk, n.note_en, n.note_zh_hans, n.created_at, n.withdrawn_at) for n in article.update_notes.all()]
    authors = [(a.position, a.author.name, a.author.credentials_zh_hans) for a in article.authorships.all()]
    return topics, versions, notes, authors


def test_the_lean_read_gives_what_the_prefetch_gives(db):
    article = make_article(
        slug="knee", title_zh_hans="膝关节", summary_zh_hans="休息。",
        topics=[make_topic("sports", name_zh_hans="运动"), make_topic("knees")],
        authors=[make_author("Dr Lin", credentials_zh_hans="医学博士"), make_author("Dr Ode")],
    )
    now = timezone.now()
    UpdateNote.objects.create(article=article, note_en="Dose corrected.", note_zh_hans="剂量已更正。",
                              created_at=now - datetime.timedelta(days=2))
    UpdateNote.objects.create(article=article, note_en="Withdrawn note.", created_at=now, withdrawn_at=now)

    prefetched = Article.objects.published().with_page_data().get(slug="knee")
    lean = page_data.published_with_page_data("knee")
    with CaptureQueriesContext(connection) as queries:
        read = values(lean)
        assert lean.languages() == ["en", "zh-hans"]
    assert len(queries) == 0
    assert read == values(prefetched)
    topics, versions, notes, authors = read
    assert [slug for _pk, slug, *_names in topics] == ["knees", "sports"]
    assert [name for _position, name, _credentials in authors] == ["Dr Lin", "Dr Ode"]
    assert [note for _pk, note, *_rest in notes] == ["Withdrawn note.", "Dose corrected."]
    assert all(timezone.is_aware(changed) for _lang, changed, _source in versions)
    assert all(note.article is lean for note in lean.update_notes.all())


def test_an_article_without_any_of_them_reads_empty_lists(db):
    make_article(slug="bare")
    with CaptureQueriesContext(connection) as queries:
        article = page_data.published_with_page_data("bare")
    assert len(queries) == 5  # the article, then one query for each relation
    assert values(article)[0] == values(article)[2] == values(article)[3] == []


def test_filtering_a_relation_still_asks_the_database_about_this_article_only(db):
    first = make_article(slug="first", topics=[make_topic("one")])
    make_article(slug="second", topics=[make_topic("two")])
    article = page_data.published_with_page_data("first")
    assert list(article.topics.filter(slug__in=["one", "two"]).values_list("slug", flat=True)) == ["one"]
    assert article.pk == first.pk
