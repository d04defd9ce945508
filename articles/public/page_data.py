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

# Each relation: its name on Article, the queryset of one article's rows (ARTICLE_ID standing
# for the article's id), and the foreign key its rows load with them (select_related), if any.
ARTICLE_ID = 0


def _relations():
    return (
        ("topics", Topic.objects.filter(articles__id=ARTICLE_ID), None),
        # By language only: the default order joins the articles to sort by theirs.
        ("language_versions", LanguageVersion.objects.filter(article_id=ARTICLE_ID).order_by("language"), None),
        ("update_notes", UpdateNote.objects.filter(article_id=ARTICLE_ID), None),
        ("authorships", Authorship.objects.filter(article_id=ARTICLE_ID).select_related("author"), "author"),
    )


def _attnames(model):
    return [field.attname for field in model._meta.concrete_fields]


@dataclass(frozen=True)
class _Statement:
    relation: str
    sql: str  # one parameter: the article's id
    compiler: SQLCompiler
    converters: dict  # what the ORM does to the database's values (e.g. SQLite's dates), by column
    fields: list  # the row's first columns: the relation's model
    related: object  # the select_related field whose model's columns follow, or None
    related_fields: list  # those columns' names

    def objects(self, cursor, article_id):
        """The relation's instances for the article (converted as the ORM would)."""
        cursor.execute(self.sql, [article_id])
        rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        model, alias, width = self.compiler.query.model, self.compiler.using, len(self.fields)
        found = []
        for row in rows:
            instance = model.from_db(alias, self.fields, row[:width])
            if self.related is not None:
                other = self.related.related_model.from_db(alias, self.related_fields, row[width:])
                self.related.set_cached_value(instance, other)
            found.append(instance)
        return found


@functools.cache
def _statements(alias):
    """[_Statement] of each relation, compiled once per process and database."""
    statements = []
    for name, queryset, related in _relations():
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        if list(params) != [ARTICLE_ID]:
            raise AssertionError(f"{name}: the article's id should be the only parameter, not {params}")
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
        field = queryset.model._meta.get_field(related) if related else None
        statements.append(_Statement(
            name, sql, compiler, converters, _attnames(queryset.model), field,
            _attnames(field.related_model) if field else [],
        ))
    return statements


def attach_page_data(article):
    """Read the rows ``with_page_data`` would prefetch for ``article`` and keep them where the
    prefetch would (one query each, compiled once per process). Returns the article."""
    cache = article.__dict__.setdefault("_prefetched_objects_cache", {})
    with connection.cursor() as cursor:
        for statement in _statements(connection.alias):
            manager = getattr(article, statement.relation)
            objects = statement.objects(cursor, article.pk)
            reverse_key = getattr(manager, "field", None)  # a reverse foreign key: each row's article is this one
            if reverse_key is not None:
                for obj in objects:
                    reverse_key.set_cached_value(obj, article)
            queryset = manager.get_queryset()
            queryset._result_cache, queryset._prefetch_done = objects, True
            cache[statement.relation] = queryset
    return article


def published_with_page_data(slug):
    """The published article at ``slug`` with its page data (DoesNotExist if none)."""
    return attach_page_data(Article.objects.published().select_related("related_list").get(slug=slug))
