"""The benchmark's data set (bench/dataset.py), built small: what it writes in bulk is what the
application itself would derive from the text, and its pages open."""

import pytest
from django.contrib.auth.models import User
from reversion.models import Version

from articles.editing.translation_queue import translation_tasks
from articles.models import LANGUAGE_CODES, Article, ArticleSearch, RelatedList, StoredRender, TranslationTask
from articles.public import text_source
from articles.public.page import render_for_reader, shown_version
from articles.public.personas import all_personas
from articles.public.related import rank_languages
from articles.rendering.citations import cited_keys
from articles.search.index import documents_for
from bench.dataset import HISTORY_SLUG, build
from reviews.models import Review
from reviews.workflow.fingerprint import article_fingerprint


@pytest.fixture
def dataset(db):
    return build(30, history_revisions=25, out=lambda *args: None)


def bench_articles():
    return Article.objects.exclude(slug=HISTORY_SLUG).prefetch_related("citations__reference", "topics")


def test_citation_rows_number_the_keys_the_text_cites(dataset):
    for article in bench_articles():
        for lang in article.languages():
            stored = sorted((c for c in article.citations.all() if c.language == lang), key=lambda c: c.number)
            assert [c.reference.key for c in stored] == cited_keys(article.text("summary", lang), article.text("body", lang))
            assert [c.number for c in stored] == list(range(1, len(stored) + 1))


def test_search_documents_hold_what_the_search_index_would_store(dataset):
    for article in bench_articles():
        expected = documents_for(article, list(article.topics.all()))
        stored = {doc.language: doc for doc in ArticleSearch.objects.filter(article=article)}
        assert set(stored) == set(expected) == set(article.languages())
        for lang, fields in expected.items():
            assert stored[lang].title == fields["title"]
            assert stored[lang].answer == fields["answer"]
            assert stored[lang].body == fields["body"]
            assert sorted(stored[lang].topics.split()) == sorted(fields["topics"].split())


def test_the_stored_translation_queue_holds_what_its_rule_says(dataset):
    stored = set(TranslationTask.objects.values_list("article_id", "language", "slug", "missing", "since"))
    assert stored
    assert stored == {
        (row["pk"], row["lang"], row["slug"], row["missing"], row["since"])
        for row in translation_tasks(Article.objects.all())
    }


def test_approvals_hold_for_the_text_as_stored(dataset):
    approved = Review.objects.filter(state="approved").select_related("article")
    assert approved.exists()
    for review in approved:
        assert review.approved_fingerprint == article_fingerprint(review.article, review.language)


def test_every_review_knows_the_fingerprint_of_the_text_as_stored(dataset):
    """What the review queue sorts by (reviews/hooks/live.py keeps it on every save)."""
    reviews = Review.objects.select_related("article")
    assert reviews.exists()
    for review in reviews:
        assert review.live_fingerprint == article_fingerprint(review.article, review.language)


def test_every_article_has_a_history_and_one_has_many_revisions(dataset):
    for article in bench_articles():
        assert Version.objects.get_for_object(article).exists()
    history = Article.objects.get(slug=HISTORY_SLUG)
    assert Version.objects.get_for_object(history).count() == 25


def test_reader_and_admin_pages_of_the_data_set_open(dataset, client):
    article = Article.objects.published().filter(title_zh_hans__gt="").exclude(slug=HISTORY_SLUG).first()
    for lang in ("en", "zh-hans"):
        for persona in ("patient", "physician"):
            response = client.get(f"/{lang}/articles/{article.slug}/?persona={persona}")
            assert response.status_code == 200
            assert "<sup class=\"citation\">" in response.content.decode()
    assert client.get("/en/articles/").status_code == 200
    assert client.get("/en/topics/cardiology/").status_code == 200
    response = client.get("/en/search/", {"q": "small benefit"})  # every key answer says it
    assert response.status_code == 200 and "/en/articles/bench-" in response.content.decode()
    client.force_login(User.objects.get(username="bench-admin"))
    history = Article.objects.get(slug=HISTORY_SLUG)
    for url in ("/admin/articles/article/", f"/admin/articles/article/{history.pk}/history/",
                "/admin/reviews/reviewqueue/", "/admin/articles/translationtask/"):
        assert client.get(url).status_code == 200, url


def test_stored_renders_are_what_the_application_renders(dataset):
    """One row per language version readers see x persona, of every published article, holding
    what the renderer gives for it now, under the key a reader's request computes."""
    personas = all_personas()
    codes = [p.code for p in personas]
    published = Article.objects.published()
    assert published.exists()
    for article in published:
        versions = text_source.reader_versions([article])
        shown = dict(shown_version(article, lang, versions=versions) for lang in LANGUAGE_CODES)
        rows = {(row.language, row.persona): row for row in StoredRender.objects.filter(article=article)}
        assert set(rows) == {(lang, code) for lang in shown for code in codes}
        for (lang, code), row in rows.items():
            persona = next(p for p in personas if p.code == code)
            fields = shown[lang].fields
            fresh = render_for_reader(article, lang, persona=persona, persona_codes=codes, texts=fields,
                                      use_cache=False)
            assert row.data["summary_html"] == fresh.summary_html
            assert row.data["body_html"] == fresh.body_html
            assert row.data["reference_keys"] == [ref.key for ref in fresh.references]
            assert [tuple(entry) for entry in row.data["toc"]] == [(e.level, e.id, e.text) for e in fresh.toc]
            assert row.cited_keys == fresh.keys


def test_a_page_of_the_data_set_is_served_from_its_stored_render(dataset, client, monkeypatch):
    from django.core.cache import cache

    from articles.rendering import render_cache

    cache.clear()  # Redis flushed: what the build rendered is in the database only

    def no_render(*args, **kwargs):
        raise AssertionError("rendered: the stored render was not used")

    article = Article.objects.published().filter(title_zh_hans__gt="").exclude(slug=HISTORY_SLUG).first()
    monkeypatch.setattr(render_cache, "_render_article", no_render)
    monkeypatch.setattr(render_cache, "_cited_keys", no_render)
    for lang in ("en", "zh-hans"):
        assert client.get(f"/{lang}/articles/{article.slug}/?persona=patient").status_code == 200


def test_every_published_article_has_its_related_list_ranked(dataset):
    """As ``manage.py rank_related`` stores them: every published article sharing a topic or
    a source with others (all but the one article of the history)."""
    published = Article.objects.published().exclude(slug=HISTORY_SLUG)
    lists = {row.article_id: row.rankings for row in RelatedList.objects.all()}
    assert set(lists) == set(published.values_list("pk", flat=True))
    for article in published:
        assert lists[article.pk] == rank_languages(article)[0]
