"""What an article page shows besides the text (``ArticleQuerySet.with_page_data``: topics,
language versions, update notes, authors), read for one article in lean queries.

The same rows as ``prefetch_related`` and in the same places (``article.topics.all()`` and
the rest read them with no query), for a fraction of its cost: Django's prefetching builds and
compiles a new query for each relation on every page, and that was about a third of an
article page's first request after any edit (issue #13). Here each relation's SQL is compiled
once per process by the ORM itself, with the article's id as its only parameter, and its rows
become instances with ``Model.from_db``.
"""

import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models.sql.compiler import SQLCompiler

from ..models import Article, Authorship, LanguageVersion, Topic, UpdateNote

# (relation on Article, the queryset of one article's rows, with ARTICLE_ID for the article)
ARTICLE_ID = 0


def _relations():
    return (
        ("topics", Topic.objects.filter(articles__id=ARTICLE_ID)),
        # By language only: the default order joins the articles to sort by theirs.
        ("language_versions", LanguageVersion.objects.filter(article_id=ARTICLE_ID).order_by("language")),
        ("update_notes", UpdateNote.objects.filter(article_id=ARTICLE_ID)),
        ("authorships", Authorship.objects.filter(article_id=ARTICLE_ID).select_related("author")),
    )


@dataclass(frozen=True)
class _Statement:
    relation: str
    sql: str  # one parameter: the article's id
    compiler: SQLCompiler
    converters: dict  # what the ORM does to the database's values (e.g. SQLite's dates), by column

    def rows(self, cursor, article_id):
        cursor.execute(self.sql, [article_id])
        rows = cursor.fetchall()
        return list(self.compiler.apply_converters(rows, self.converters)) if self.converters else rows


@functools.cache
def _statements(alias):
    """[_Statement] of each relation, compiled once per process and database."""
    statements = []
    for name, queryset in _relations():
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        if list(params) != [ARTICLE_ID]:
            raise AssertionError(f"{name}: the article's id should be the only parameter, not {params}")
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
        statements.append(_Statement(name, sql, compiler, converters))
    return statements


def _instances(model, row, related=None):
    """``model`` from the start of ``row`` (its concrete fields, in order); ``related``: the
    select_related field whose model follows in the row."""
    fields = [f.attname for f in model._meta.concrete_fields]
    instance = model.from_db(connection.alias, fields, row[: len(fields)])
    if related is not None:
        other = related.related_model
        rest = row[len(fields) :]
        related.set_cached_value(instance, other.from_db(connection.alias, [f.attname for f in other._meta.concrete_fields], rest))
    return instance


def attach_page_data(article):
    """Read the rows ``with_page_data`` would prefetch for ``article`` and keep them where the
    prefetch would (one query each, compiled once per process). Returns the article."""
    cache = article.__dict__.setdefault("_prefetched_objects_cache", {})
    with connection.cursor() as cursor:
        for statement in _statements(connection.alias):
            cache[statement.relation] = _prefetched(article, statement.relation, statement.rows(cursor, article.pk))
    return article


def _prefetched(article, name, rows):
    manager = getattr(article, name)
    queryset = manager.get_queryset()
    if name == "topics":
        objects = [_instances(Topic, row) for row in rows]
    elif name == "authorships":
        objects = [_instances(Authorship, row, Authorship._meta.get_field("author")) for row in rows]
    else:
        objects = [_instances(manager.model, row) for row in rows]
    if name != "topics":  # each row's article is this one, as a prefetch says
        field = manager.field
        for obj in objects:
            field.set_cached_value(obj, article)
    queryset._result_cache = objects
    queryset._prefetch_done = True
    return queryset


def published_with_page_data(slug):
    """The published article at ``slug`` with its page data (DoesNotExist if none)."""
    return attach_page_data(Article.objects.published().select_related("related_list").get(slug=slug))
