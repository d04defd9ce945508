"""Is a language version of an article missing, current, or behind its original?

A translation records the state of the original it was translated from
(LanguageVersion.source_changed_at); when the original's text changes after that, readers
of the translation are told it may be out of date, and it shows in the translation queue
(the same rule in SQL: editing/translation_queue.py).
"""

from dataclasses import dataclass
from datetime import datetime

from ..models import LANGUAGE_CODES


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
