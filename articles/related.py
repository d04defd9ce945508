"""Related articles: other published articles that share topics or cited sources with one.

Ranked by overlap (shared topics plus shared sources; more shared sources first on a tie,
then the most recently published), at most ``LIMIT``, in one query (two more under
REVIEW_GATE=approval, to leave out articles readers may not see yet).
"""

from django.db.models import Count, F, IntegerField, Q, Value

from . import text_source
from .models import Article

LIMIT = 5
# Candidates fetched so that enough remain once those readers may not see are left out.
_CANDIDATES = 4 * LIMIT


def _shared(relation, ids):
    if not ids:
        return Value(0, output_field=IntegerField())
    return Count(relation, filter=Q(**{f"{relation}__in": ids}), distinct=True)


def related_articles(article, *, topic_ids, reference_ids, limit=LIMIT):
    """[(article, versions)] of up to ``limit`` related articles, best first; ``versions`` is
    what ``text_source.reader_versions`` said about them (for page.shown_version)."""
    topic_ids, reference_ids = list(topic_ids), list(reference_ids)
    if not topic_ids and not reference_ids:
        return [], None
    candidates = list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .with_text_dates()
        .annotate(shared_topics=_shared("topics", topic_ids), shared_references=_shared("citations__reference", reference_ids))
        .annotate(overlap=F("shared_topics") + F("shared_references"))
        .filter(overlap__gt=0)
        .order_by("-overlap", "-shared_references", "-published_at", "slug")
        .prefetch_related("topics")[:_CANDIDATES]  # the cards show their topics
    )
    versions = text_source.reader_versions(candidates) if candidates else None
    if versions is not None:
        candidates = [c for c in candidates if versions.get(c.pk)]
    return candidates[:limit], versions
