"""Is a language version of an article missing, current, or behind its original?

A translation records the state of the original it was translated from
(LanguageVersion.source_changed_at); when the original's text changes after that, readers
of the translation are told it may be out of date, and it shows in the translation queue.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BooleanField, CharField, ExpressionWrapper, F, FilteredRelation, Q, Value

from ..models import LANGUAGE_CODES, Article


@dataclass(frozen=True)
class Freshness:
    language: str
    source_language: str
    missing: bool = False
    stale: bool = False
    source_changed_at: datetime | None = None  # when the original last changed

    @property
    def is_translation(self):
        return self.language != self.source_language


def freshness(article, lang):
    """The state of one language version; uses prefetched language_versions if present."""
    versions = {v.language: v for v in article.language_versions.all()}
    source = versions.get(article.source_language)
    version = versions.get(lang)
    source_changed = source.text_changed_at if source else None
    if version is None:
        return Freshness(lang, article.source_language, missing=True, source_changed_at=source_changed)
    stale = (
        lang != article.source_language
        and source is not None
        and (version.source_changed_at is None or version.source_changed_at < source.text_changed_at)
    )
    return Freshness(lang, article.source_language, stale=stale, source_changed_at=source_changed)


def translation_queue(articles):
    """(article, Freshness) for every language version that is missing or stale."""
    queue = []
    for article in articles:
        if not article.source_language:
            continue
        for lang in LANGUAGE_CODES:
            state = freshness(article, lang)
            if state.missing or state.stale:
                queue.append((article, state))
    return queue


def translation_tasks(lang=None, missing=None):
    """The translation queue as one query: a row (dict) per language version of a non-archived
    article that is missing (``missing`` True) or older than its original (False), with
    ``pk``, ``slug``, ``lang`` and ``since`` (when the original last changed), ordered by slug
    and language. The same rule as ``freshness()``, in SQL (each language version joined
    once), so a page of it is a LIMIT and its size a COUNT: nothing grows in memory with
    the number of articles. ``lang`` / ``missing`` narrow it (None: all)."""
    parts = []
    for code in [lang] if lang else LANGUAGE_CODES:
        absent = Q(version__isnull=True)
        behind = (
            Q(version__isnull=False)
            & ~Q(source_language=code)
            & Q(original__isnull=False)
            & (Q(version__source_changed_at__isnull=True) | Q(version__source_changed_at__lt=F("original__text_changed_at")))
        )
        wanted = absent | behind if missing is None else (absent if missing else behind)
        parts.append(
            Article.objects.exclude(status=Article.Status.ARCHIVED)
            .exclude(source_language="")
            .annotate(
                version=FilteredRelation("language_versions", condition=Q(language_versions__language=code)),
                original=FilteredRelation(
                    "language_versions", condition=Q(language_versions__language=F("source_language"))
                ),
            )
            .filter(wanted)
            .annotate(
                lang=Value(code, output_field=CharField()),
                missing=ExpressionWrapper(absent, output_field=BooleanField()),
                since=F("original__text_changed_at"),
            )
            .order_by()
            .values("pk", "slug", "lang", "missing", "since")
        )
    tasks = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return tasks.order_by("slug", "lang")
