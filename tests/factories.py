"""Small factories: build exactly the objects a test needs, with readable defaults."""

import itertools

from django.utils import timezone

from articles.models import Article, Author, Authorship, Persona, Topic
from references.models import Reference

_seq = itertools.count(1)


def make_reference(key=None, **fields):
    n = next(_seq)
    fields.setdefault("title", f"A study of knee injections number {n}")
    fields.setdefault("authors", [{"family": "Smith", "given": "Anna"}])
    fields.setdefault("container_title", "Journal of Examples")
    fields.setdefault("issued_year", 2024)
    fields.setdefault("evidence", "rct")
    return Reference.objects.create(key=key or f"ref-{n}", **fields)


def make_topic(slug=None, name_en=None, **fields):
    n = next(_seq)
    slug = slug or f"topic-{n}"
    return Topic.objects.create(slug=slug, name_en=name_en or slug.replace("-", " ").title(), **fields)


def make_author(name="Dr Jane Doe", **fields):
    n = next(_seq)
    fields.setdefault("slug", f"author-{n}")
    fields.setdefault("credentials_en", "MD")
    return Author.objects.create(name=name, **fields)


def make_article(slug=None, *, lang="en", title=None, summary=None, body="", status="published",
                 topics=(), authors=(), **fields):
    """An article with one language version (lang); pass title_zh_hans etc. for more."""
    n = next(_seq)
    suffix = lang.replace("-", "_")
    fields[f"title_{suffix}"] = title or f"What is the best treatment number {n}?"
    fields[f"summary_{suffix}"] = summary or "The best treatment is rest."
    fields[f"body_{suffix}"] = body
    if status == "published":
        fields.setdefault("published_at", timezone.now())
    article = Article.objects.create(slug=slug or f"article-{n}", status=status, **fields)
    article.topics.set(topics)
    for position, author in enumerate(authors):
        Authorship.objects.create(article=article, author=author, position=position)
    return article


def persona(code):
    return Persona.objects.get(code=code)
