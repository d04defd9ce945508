"""Related articles: other published articles that share topics or cited sources with one.

Ranked by overlap (shared topics plus shared sources; more shared sources first on a tie,
then the most recently published), at most ``LIMIT``, in one query (two more under
REVIEW_GATE=approval, to leave out articles readers may not see yet).

The overlap is counted only for a bounded set of candidates, whatever the size of the site:
every article citing one of the sources (a source is cited by few articles), and the
``_CANDIDATES`` articles sharing the most topics, newest first (a topic may hold thousands).
That gives the same ranking as counting for every article: one sharing no source ranks by
its shared topics, then its date, and ``_CANDIDATES`` of those rank at least as high as any
topic-only article left out.
"""

from django.db.models import Count, F, IntegerField, Q, Value
from django.utils import timezone

from ..models import Article, Citation
from . import text_source

LIMIT = 5
# Candidates fetched so that enough remain once those readers may not see are left out.
_CANDIDATES = 4 * LIMIT


def _shared(relation, ids):
    if not ids:
        return Value(0, output_field=IntegerField())
    return Count(relation, filter=Q(**{f"{relation}__in": ids}), distinct=True)


def _candidates(article, topic_ids, reference_ids):
    condition = Q()
    if reference_ids:
        condition |= Q(pk__in=Citation.objects.filter(reference_id__in=reference_ids).values("article_id"))
    if topic_ids:
        most_topics = (
            Article.topics.through.objects.filter(
                topic_id__in=topic_ids,
                article__status=Article.Status.PUBLISHED,
                article__published_at__lte=timezone.now(),
            )
            .exclude(article_id=article.pk)
            .values("article_id")
            .annotate(shared=Count("topic_id"))
            .order_by("-shared", "-article__published_at", "article__slug")
            .values("article_id")[:_CANDIDATES]
        )
        condition |= Q(pk__in=most_topics)
    return condition


def related_articles(article, *, topic_ids, reference_ids, limit=LIMIT):
    """[(article, versions)] of up to ``limit`` related articles, best first; ``versions`` is
    what ``text_source.reader_versions`` said about them (for page.shown_version)."""
    topic_ids, reference_ids = list(topic_ids), list(reference_ids)
    if not topic_ids and not reference_ids:
        return [], None
    candidates = list(
        Article.objects.published()
        .filter(_candidates(article, topic_ids, reference_ids))
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
