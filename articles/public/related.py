"""Related articles: other published articles that share topics or cited sources with one.

Ranked by overlap (shared topics plus shared sources; more shared sources first on a tie,
then the most recently published), at most ``LIMIT``.

The ranking is stored (RelatedList: the ``_CANDIDATES`` best ids, loaded with the article)
and done again only when it may have changed (related_lists.py drops it) or when an article
scheduled for later has gone live since. What readers may see is checked on every page:
published, and under REVIEW_GATE=approval approved (text_source), with the titles and dates
of the first ``LIMIT`` in one query (two more under the approval gate, and the same again
for the rest when some may not be shown).

The overlap is counted only for a bounded set of candidates, whatever the size of the site:
every article citing one of the sources (a source is cited by few articles), and the
``_CANDIDATES`` articles sharing the most topics, newest first (a topic may hold thousands).
That gives the same ranking as counting for every article: one sharing no source ranks by
its shared topics, then its date, and ``_CANDIDATES`` of those rank at least as high as any
topic-only article left out. Those are the articles sharing two topics or more and the
newest sharing any (read from the index on the public order), so members of a topic are
counted, not joined to the articles. The ranking is one SQL statement (``_RANKING_SQL``, the
same on PostgreSQL and SQLite): counting, ordering and cutting in the database rather than
sending a thousand candidate ids back and forth.
"""

import functools
import hashlib

from django.db import connection
from django.utils import timezone

from ..models import Article, Citation, RelatedList
from . import response_cache, text_source

LIMIT = 5
# Candidates fetched so that enough remain once those readers may not see are left out.
_CANDIDATES = 4 * LIMIT
# Rankings an article keeps at once (one per set of sources shown: its languages may differ).
_RANKINGS_KEPT = 4


_RANKING_SQL = """
WITH sources AS (
    SELECT article_id, COUNT(DISTINCT reference_id) AS shared FROM {citation}
    WHERE reference_id IN ({references}) GROUP BY article_id
),
newest AS (
    SELECT a.id AS article_id FROM {article} a
    WHERE a.status = %(published)s AND a.published_at <= %(now)s AND a.id <> %(article)s
      AND a.id IN (SELECT article_id FROM {topics} WHERE topic_id IN ({topic_ids}))
    ORDER BY a.published_at DESC, a.slug LIMIT {candidates}
),
shared_topics AS (
    SELECT article_id, COUNT(*) AS shared FROM {topics}
    WHERE topic_id IN ({topic_ids})
    GROUP BY article_id
    HAVING COUNT(*) >= 2
        OR article_id IN (SELECT article_id FROM newest)
        OR article_id IN (SELECT article_id FROM sources)
),
candidates AS (
    SELECT article_id FROM sources UNION SELECT article_id FROM shared_topics
)
SELECT a.id FROM candidates c
JOIN {article} a ON a.id = c.article_id
LEFT JOIN sources s ON s.article_id = a.id
LEFT JOIN shared_topics t ON t.article_id = a.id
WHERE a.id <> %(article)s AND a.status = %(published)s AND a.published_at <= %(now)s
ORDER BY COALESCE(s.shared, 0) + COALESCE(t.shared, 0) DESC, COALESCE(s.shared, 0) DESC,
    a.published_at DESC, a.slug, a.id
LIMIT {candidates}
"""


def _placeholders(prefix, values):
    """(SQL list of named placeholders, their parameters); NULL for none (``IN (NULL)``
    matches nothing, on both databases)."""
    if not values:
        return "NULL", {}
    params = {f"{prefix}{i}": value for i, value in enumerate(values)}
    return ", ".join(f"%({name})s" for name in params), params


def _ranked(article, topic_ids, reference_ids, now):
    """Ids of the ``_CANDIDATES`` best published articles (module docstring), in one
    statement: the articles citing the same sources (a source is cited by few) and, of those
    sharing topics (a topic may hold thousands), the ones sharing two or more and the newest
    sharing any (from the public order index), which hold every topic-only article that can
    rank among the best; each counted, ordered and cut in the database."""
    references, reference_params = _placeholders("reference", sorted(set(reference_ids)))
    topics, topic_params = _placeholders("topic", sorted(set(topic_ids)))
    sql = _RANKING_SQL.format(
        citation=connection.ops.quote_name(Citation._meta.db_table),
        topics=connection.ops.quote_name(Article.topics.through._meta.db_table),
        article=connection.ops.quote_name(Article._meta.db_table),
        references=references,
        topic_ids=topics,
        candidates=int(_CANDIDATES),
    )
    params = {
        **reference_params,
        **topic_params,
        "article": article.pk,
        "published": Article.Status.PUBLISHED,
        "now": connection.ops.adapt_datetimefield_value(now),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def rank(article, topic_ids, reference_ids):
    """(ids of the ``_CANDIDATES`` best related articles published now, best first; when that
    may change with no write: the next scheduled publication)."""
    now = timezone.now()
    ids = _ranked(article, topic_ids, reference_ids, now) if topic_ids or reference_ids else []
    # The site's next scheduled publication, not that of an article sharing a topic or a
    # source: no query (the response cache keeps it), at the price of ranking again then.
    return ids, response_cache.next_publication(now)


def _sources_key(reference_ids):
    return hashlib.sha256(",".join(map(str, sorted(reference_ids))).encode()).hexdigest()[:16]


def _usable(stored, key):
    return (
        stored is not None
        and key in stored.rankings
        and (stored.valid_until is None or stored.valid_until > timezone.now())
    )


def ranked_ids(article, topic_ids, reference_ids):
    """``rank()``'s ids: as stored (RelatedList, loaded with the article by
    ``page.published_article``), else ranked now and stored. ``reference_ids``: the sources
    the text shown cites."""
    key = _sources_key(reference_ids)
    stored = getattr(article, "related_list", None) if "related_list" in article._state.fields_cache else None
    if _usable(stored, key):
        return stored.rankings[key]
    # Stored only if the content version has not changed meanwhile: every change that drops
    # lists (RelatedListQuerySet.drop_for) also makes a new version, so a list ranked from
    # data changed since cannot be kept.
    version = response_cache.current_version()
    stored = RelatedList.objects.filter(article_id=article.pk).first()
    ids, valid_until = rank(article, topic_ids, reference_ids)
    if response_cache.current_version() == version:
        store(article, stored, {key: ids}, valid_until)
    return ids


def store(article, stored, rankings, valid_until):
    """Write ``rankings`` ({sources key: ids}) as the article's list, with those of ``stored``
    (its list as read before ranking) while they are still valid."""
    if stored is not None and (stored.valid_until is None or stored.valid_until > timezone.now()):
        kept = [(k, v) for k, v in stored.rankings.items() if k not in rankings][: max(0, _RANKINGS_KEPT - len(rankings))]
        rankings = {**rankings, **dict(kept)}
        if stored.valid_until and (valid_until is None or stored.valid_until < valid_until):
            valid_until = stored.valid_until
    RelatedList.objects.bulk_create(
        [RelatedList(article_id=article.pk, rankings=rankings, valid_until=valid_until)],
        update_conflicts=True, unique_fields=["article"], update_fields=["rankings", "valid_until"],
    )


def rank_languages(article):
    """{sources key: ids} of each language version, counting the sources its stored text
    cites (what its page counts unless the approval gate shows an older text), and when
    that may change: for filling the lists in bulk."""
    topic_ids = sorted(article.topics.values_list("pk", flat=True))
    sources = {}
    for reference_id, lang in Citation.objects.filter(article=article).values_list("reference_id", "language"):
        sources.setdefault(lang, set()).add(reference_id)
    rankings, valid_until = {}, None
    for lang in article.languages():
        reference_ids = sorted(sources.get(lang, ()))
        key = _sources_key(reference_ids)
        if key in rankings or not (topic_ids or reference_ids):
            continue
        rankings[key], until = rank(article, topic_ids, reference_ids)
        valid_until = until if valid_until is None or (until and until < valid_until) else valid_until
    return rankings, valid_until


def related_articles(article, *, topic_ids, reference_ids, limit=LIMIT):
    """[(article, versions)] of up to ``limit`` related articles, best first; ``versions`` is
    what ``text_source.reader_versions`` said about them (for page.shown_version)."""
    topic_ids, reference_ids = sorted(set(topic_ids)), sorted(set(reference_ids))
    if not topic_ids and not reference_ids:
        return [], None
    best = ranked_ids(article, topic_ids, reference_ids)
    if not best:
        return [], None
    # The first ``limit`` are usually all shown; the rest only if some of them may not be.
    shown, versions = _shown(best[:limit])
    if len(shown) < limit and len(best) > limit:
        shown, versions = _shown(best)
    return shown[:limit], versions


@functools.cache
def _card_columns():
    """The articles with what a card reads and no body: built once per process (building the
    text dates' subqueries costs as much as running the query); each use filters a copy."""
    return Article.objects.without_long_text(fields=("body", "plain_summary")).with_text_dates()


def _shown(ids):
    """([article], versions) of those of ``ids`` readers may see, in that order."""
    # The page shows their titles and dates only: no body (the key answers tell which
    # languages each has, cheaper than annotating it).
    found = _card_columns().published().filter(pk__in=ids).in_bulk()
    candidates = [found[pk] for pk in ids if pk in found]
    versions = text_source.reader_versions(candidates) if candidates else None
    if versions is not None:
        candidates = [c for c in candidates if versions.get(c.pk)]
    return candidates, versions
