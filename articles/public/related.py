"""Related articles: other published articles that share topics or cited sources with one.

Ranked by overlap (shared topics plus shared sources; more shared sources first on a tie,
then the most recently published), at most ``LIMIT``, in five small queries (two more
under REVIEW_GATE=approval, to leave out articles readers may not see yet).

The overlap is counted only for a bounded set of candidates, whatever the size of the site:
every article citing one of the sources (a source is cited by few articles), and the
``_CANDIDATES`` articles sharing the most topics, newest first (a topic may hold thousands).
That gives the same ranking as counting for every article: one sharing no source ranks by
its shared topics, then its date, and ``_CANDIDATES`` of those rank at least as high as any
topic-only article left out.
"""

from django.db.models import Count
from django.utils import timezone

from ..models import Article, Citation
from . import text_source

LIMIT = 5
# Candidates fetched so that enough remain once those readers may not see are left out.
_CANDIDATES = 4 * LIMIT


def _ranking(article, topic_ids, reference_ids):
    """[(article id, shared topics, shared sources)] of the candidates (module docstring)."""
    Topics = Article.topics.through
    shared_references = {}
    if reference_ids:
        # (article, source) pairs: an article citing a source in both languages counts it once.
        pairs = Citation.objects.filter(reference_id__in=reference_ids).order_by().values_list("article_id", "reference_id")
        for article_id, _reference_id in set(pairs):
            shared_references[article_id] = shared_references.get(article_id, 0) + 1
    shared_topics = {}
    if topic_ids:
        most_topics = (
            Topics.objects.filter(
                topic_id__in=topic_ids,
                article__status=Article.Status.PUBLISHED,
                article__published_at__lte=timezone.now(),
            )
            .exclude(article_id=article.pk)
            .values("article_id")
            .annotate(shared=Count("topic_id"))
            .order_by("-shared", "-article__published_at", "article__slug")
            .values_list("article_id", "shared")[:_CANDIDATES]
        )
        shared_topics.update(most_topics)
        if shared_references:  # the topics of the articles sharing a source, for their overlap
            rows = (
                Topics.objects.filter(topic_id__in=topic_ids, article_id__in=list(shared_references))
                .values("article_id")
                .annotate(shared=Count("topic_id"))
                .order_by()
                .values_list("article_id", "shared")
            )
            shared_topics.update(rows)
    ids = (set(shared_topics) | set(shared_references)) - {article.pk}
    return [(pk, shared_topics.get(pk, 0), shared_references.get(pk, 0)) for pk in ids]


def related_articles(article, *, topic_ids, reference_ids, limit=LIMIT):
    """[(article, versions)] of up to ``limit`` related articles, best first; ``versions`` is
    what ``text_source.reader_versions`` said about them (for page.shown_version)."""
    topic_ids, reference_ids = list(topic_ids), list(reference_ids)
    if not topic_ids and not reference_ids:
        return [], None
    ranking = _ranking(article, topic_ids, reference_ids)
    if not ranking:
        return [], None
    published = {
        pk: (when, slug)
        for pk, when, slug in Article.objects.published()
        .filter(pk__in=[pk for pk, _topics, _sources in ranking])
        .order_by()
        .values_list("pk", "published_at", "slug")
    }
    # The most overlap first, then the most shared sources, the newest, the slug.
    ranked = sorted(
        (-(topics + sources), -sources, -published[pk][0].timestamp(), published[pk][1], pk)
        for pk, topics, sources in ranking
        if pk in published
    )
    best = [order[-1] for order in ranked[:_CANDIDATES]]
    # The cards show their topics and dates: fetched for these few only.
    found = Article.objects.filter(pk__in=best).with_text_dates().prefetch_related("topics").in_bulk()
    candidates = [found[pk] for pk in best if pk in found]
    versions = text_source.reader_versions(candidates) if candidates else None
    if versions is not None:
        candidates = [c for c in candidates if versions.get(c.pk)]
    return candidates[:limit], versions
