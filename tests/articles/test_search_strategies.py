"""PostgreSQL: which way of matching Chinese (and English) finds the expected article first on
the relevance set. Measured, printed (pytest -s) and kept honest: the search we ship must do at
least as well as each alternative alone. README "Search" quotes the numbers.

- fulltext: the jieba-segmented tsvector alone (every word, then any word);
- trigram: pg_trgm word similarity of the query to the stored folded text, best first;
- shipped: articles.search.query.find (full-text, then substrings, then full-text with any word).
"""

import pytest
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Greatest

from articles.models import Article, ArticleSearch
from articles.search import query as search
from articles.search.text import fold
from tests.articles.search_relevance import QUERIES, build_library

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL search strategies")


def _first(rows):
    for article_id, _lang in rows:
        return article_id
    return None


def _documents():
    return ArticleSearch.objects.filter(article__in=Article.objects.published())


def _language_first(queryset, lang):
    return queryset.annotate(other=Case(When(language=lang, then=Value(0)), default=Value(1)))


def fulltext_first(query, lang, glossary):
    concepts = search.parse_query(query, glossary)
    for combine_all in (True, False):
        match_sql, match_params = search.tsquery(concepts, combine_all)
        rank_sql, rank_params = search.rank_tsquery(concepts)
        rows = (
            _language_first(_documents(), lang)
            .annotate(
                matches=RawSQL(f"vector @@ {match_sql}", match_params, output_field=BooleanField()),  # noqa: S611
                rank=RawSQL(f"ts_rank(vector, {rank_sql})", rank_params, output_field=FloatField()),  # noqa: S611
            )
            .filter(matches=True)
            .order_by("other", "-rank")
            .values_list("article_id", "language")
        )
        first = _first(rows)
        if first:
            return first
    return None


def trigram_first(query, lang, glossary):
    from django.contrib.postgres.search import TrigramWordSimilarity

    text = fold(query)
    rows = (
        _language_first(_documents(), lang)
        .annotate(
            similarity=Greatest(
                TrigramWordSimilarity(Value(text), "title"),
                TrigramWordSimilarity(
                    Value(text), Concat("answer", Value(" "), "topics", Value(" "), "body", output_field=TextField())
                )
                * Value(0.9, output_field=FloatField()),
                output_field=FloatField(),
            )
        )
        .filter(similarity__gte=0.3)
        .order_by("other", F("similarity").desc())
        .values_list("article_id", "language")
    )
    return _first(rows)


def shipped_first(query, lang, glossary):
    hits = search.find(search.parse_query(query, glossary), lang)
    return hits[0].article_id if hits else None


@pytest.mark.django_db
def test_shipped_search_finds_at_least_as_many_as_fulltext_or_trigram_alone():
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    build_library()
    glossary = search.glossary_forms()
    ids = dict(Article.objects.values_list("slug", "pk"))
    scores, misses = {}, []
    for name, strategy in (("fulltext", fulltext_first), ("trigram", trigram_first), ("shipped", shipped_first)):
        for lang, query, expected in QUERIES:
            key = (name, "zh" if any("\u4e00" <= c <= "\u9fff" for c in query) else "en")
            hit = strategy(query, lang, glossary) == ids[expected]
            if not hit:
                misses.append(f"{name} missed {lang} {query!r}")
            scores[key] = (scores.get(key, (0, 0))[0] + hit, scores.get(key, (0, 0))[1] + 1)
    for key, (hits, total) in sorted(scores.items()):
        print(f"{key[0]:9} {key[1]} queries: {hits}/{total} expected article first")
    print("\n".join(misses))
    for language in ("en", "zh"):
        assert scores[("shipped", language)][0] >= scores[("fulltext", language)][0]
        assert scores[("shipped", language)][0] >= scores[("trigram", language)][0]
    assert scores[("shipped", "zh")][0] == scores[("shipped", "zh")][1]
