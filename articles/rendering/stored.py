"""Renders kept in the database (StoredRender), beside the render cache (render_cache.py).

A ``Slot`` names one variant readers are shown: (article, content language, persona or
none). ``page.render_for_reader`` makes one per call that uses the cache and hands it to
``render_cache.cited_keys`` and ``render_cache.render_article``; only when the cache misses
do they read its row (one query, at most once a slot):

- the cited keys: the row's, if it was rendered from the same text (``text_digest``);
- the render: the row's data, if its ``key`` equals the key computed from this request's
  inputs (text, persona, glossary, persona set, references): any change of input gives
  another key, so a stale row is never served, only replaced.

A render made for readers (a reader's miss, or prerender.py after a save) replaces the row.
``verify``: also when the cache hit (prerender.py: the row may be missing or older than the
cache, e.g. rows dropped, or written before this table existed).
"""

import logging

from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)

_NOT_READ = object()


class Slot:
    def __init__(self, article_id, language, persona, *, verify=False):
        self.article_id = article_id
        self.language = language
        self.persona = persona or ""
        self.verify = verify
        self._row = _NOT_READ
        self.text = None  # (text digest, cited keys) once render_cache.cited_keys has seen the text

    @property
    def row(self):
        """The stored render of this variant, or None (read once)."""
        if self._row is _NOT_READ:
            from ..models import StoredRender

            self._row = (
                StoredRender.objects.filter(article_id=self.article_id, language=self.language, persona=self.persona)
                .only("key", "data", "text_digest", "cited_keys")
                .first()
            )
        return self._row

    def cited_keys(self, digest):
        """The keys the text cites as stored, if the row was rendered from that text; else None."""
        row = self.row
        if row is not None and row.text_digest == digest and isinstance(row.cited_keys, list):
            return list(row.cited_keys)
        return None

    def data(self, key):
        """The stored render if it was made from the same inputs (same key); else None."""
        row = self.row
        if row is not None and row.key == key and isinstance(row.data, dict):
            return row.data
        return None

    def store(self, key, data, digest, cited_keys):
        """Keep this render as the variant's row (replacing any other)."""
        from ..models import StoredRender

        row = StoredRender(
            article_id=self.article_id, language=self.language, persona=self.persona,
            key=key, data=data, text_digest=digest, cited_keys=list(cited_keys),
        )
        try:
            with transaction.atomic():
                StoredRender.objects.bulk_create(
                    [row], update_conflicts=True, unique_fields=["article", "language", "persona"],
                    update_fields=["key", "data", "text_digest", "cited_keys", "rendered_at"],
                )
        except DatabaseError as exc:  # e.g. the article deleted meanwhile: the cache still has it
            logger.warning("Render of article %s (%s, %s) not stored: %s", self.article_id, self.language,
                           self.persona or "-", exc)
            return
        self._row = row
