"""Search of the published articles: the reader's query, matched against the stored search
documents (ArticleSearch, see search/index.py), ranked, one result per article, with a
highlighted snippet.

A query is a list of *concepts*, all of which must match (AND). A concept is a word of the
query, or a glossary term found in it (longest first), and then any of the term's forms in
any language matches (OR): "MSC" finds "mesenchymal stem cells" and "间充质干细胞". A form
matches when all its words do. Chinese runs are split into words with jieba. If nothing
matches every concept, results matching any of them are listed instead.

PostgreSQL: the stored tsvector with the English configuration (stemming; Chinese words
pass unchanged), ranked by ts_rank with the weights title > key answer, topics > body.
SQLite: LIKE on the stored folded text (finds any Chinese substring), ranked by where the
words occur. Either way only the newest matching documents are ranked (see _limits), so a
search costs the same on a large site as on a small one.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape  # Django's escape, without its lazy-string wrapper (hundreds of calls a page)

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import Col
from django.db.models.sql.where import WhereNode
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from ..models import LANGUAGE_CODES, Article, ArticleSearch, GlossaryTerm, Topic, field_suffix
from ..public import text_source
from ..public.response_cache import memoized, memoized_many, shared
from .index import SEARCH_CONFIG
from .text import CJK_RUN, fold, folded_with_positions, plain_text, segment_query

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220


def _word_set(text):
    return frozenset(text.split())


ENGLISH_STOP_WORDS = _word_set(
    "a an and are as at be by can do does for from how i if in into is it its me my of on or "
    "should that the their them there these this to was what when where which who why will "
    "with you your"
)
# Function words that carry no topic; jieba returns them as words of their own.
CHINESE_STOP_WORDS = _word_set(
    "的 了 和 与 及 是 吗 呢 吧 啊 在 有 或 就 也 都 还 被 把 对 我 你 他 她 它 们 我们 这 那 "
    "什么 怎么 怎样 如何 哪些 哪个 多少 为什么 是否 可以 能 会 要 应该 一个"
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass(frozen=True)
class Form:
    words: tuple  # folded words, all of which must occur


@dataclass(frozen=True)
class Concept:
    forms: tuple  # any one form matches


def words_of(folded_text, *, drop_stop_words=True):
    """The folded words of a text: Latin words as written, Chinese runs segmented."""
    words = []
    position = 0
    for run in CJK_RUN.finditer(folded_text):
        words.extend(_WORD.findall(folded_text[position : run.start()]))
        words.extend(segment_query(run.group()))
        position = run.end()
    words.extend(_WORD.findall(folded_text[position:]))
    if drop_stop_words:
        words = [w for w in words if w not in ENGLISH_STOP_WORDS and w not in CHINESE_STOP_WORDS]
    return words


def glossary_forms():
    """Each glossary term's folded forms in every language (one query, once per content
    version while reader pages are built: response_cache.memoized)."""
    return memoized("search:glossary_forms", _glossary_forms)


def _glossary_forms():
    terms = []
    for term in GlossaryTerm.objects.all():
        forms = {fold(form) for lang in LANGUAGE_CODES for form in term.forms(lang)}
        forms = {form for form in forms if form.strip()}
        if forms:
            terms.append(forms)
    return terms


def parse_query(query, glossary):
    """The concepts of ``query`` (see the module docstring); ``glossary``: glossary_forms()."""
    text = fold(query[:MAX_QUERY_LENGTH])
    concepts = []
    found = sorted(
        ((form, forms) for forms in glossary for form in forms if form),
        key=lambda item: -len(item[0]),
    )
    for form, forms in found:
        pattern = _phrase_pattern(form)
        if pattern.search(text):
            text = pattern.sub(" ", text)
            alternatives = tuple(
                Form(tuple(words)) for words in (words_of(f, drop_stop_words=False) for f in sorted(forms)) if words
            )
            if alternatives:
                concepts.append(Concept(alternatives))
    for word in words_of(text):
        concepts.append(Concept((Form((word,)),)))
    return concepts


def _phrase_pattern(form):
    """A glossary form as a whole word or phrase (Chinese: anywhere)."""
    escaped = re.escape(form)
    if CJK_RUN.search(form):
        return re.compile(escaped)
    return re.compile(rf"(?<![^\W_]){escaped}(?![^\W_])")


# --- matching: PostgreSQL ------------------------------------------------------------------


# Written as SQL here, not with the ORM's SearchQuery and SearchRank: building and compiling
# those expressions took 4 to 5 ms of a search's CPU at 100,000 articles, more than half what
# PostgreSQL spends on the query itself.


def _plain(words):
    return "plainto_tsquery(%s::regconfig, %s)", [SEARCH_CONFIG, " ".join(words)]


def _combined(parts, operator):
    """(sql, params) of tsqueries joined by ``operator`` (&& or ||), in parentheses."""
    sql = f" {operator} ".join(part_sql for part_sql, _params in parts)
    return f"({sql})", [param for _sql, params in parts for param in params]


def tsquery(concepts, combine_all):
    """(sql, params) of the tsquery a document must match: every concept (``combine_all``) or
    any, each concept any of its forms, each form all its words."""
    return _combined(
        [_combined([_plain(form.words) for form in concept.forms], "||") for concept in concepts],
        "&&" if combine_all else "||",
    )


def rank_tsquery(concepts):
    """(sql, params) of the tsquery that ranks the candidates: every word of the query, any of
    them (OR). ts_rank scores an OR query in one pass over the words' positions, by weight
    (title > key answer, topics > body) and frequency; a query with AND at its top is scored
    on the distance between every pair of its words' positions instead, about ten times the
    work for each candidate (7 of a 13 ms search at 100,000 articles), for an order that
    weighs nearness over where the words stand."""
    words = sorted({word for concept in concepts for form in concept.forms for word in form.words})
    return _combined([_plain([word]) for word in words], "||")


# --- matching: other databases (SQLite) ---------------------------------------------------------

_FIELDS_WEIGHTS = (("title", 8), ("answer", 3), ("topics", 3), ("body", 1))


def _like_word(word):
    """What to look for with LIKE: an English word without its usual endings (a crude stem)."""
    if CJK_RUN.search(word) or len(word) <= 4:
        return word
    for ending in ("ies", "es", "s", "ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _word_q(word):
    stem = _like_word(word)
    return Q(*[Q(**{f"{name}__contains": stem}) for name, _weight in _FIELDS_WEIGHTS], _connector=Q.OR)


def _like_match(concepts, combine_all):
    """(condition, rank) of the documents that match: substrings of the folded text."""
    concept_qs = []
    for concept in concepts:
        form_qs = [Q(*[_word_q(w) for w in form.words]) for form in concept.forms]
        concept_qs.append(Q(*form_qs, _connector=Q.OR))
    condition = Q(*concept_qs, _connector=Q.AND if combine_all else Q.OR)
    words = {w for concept in concepts for form in concept.forms for w in form.words}
    rank = Value(0, output_field=IntegerField())
    for word in sorted(words):
        stem = _like_word(word)
        for name, weight in _FIELDS_WEIGHTS:
            rank = rank + Case(
                When(**{f"{name}__contains": stem}, then=Value(weight)), default=Value(0), output_field=IntegerField()
            )
    return condition, rank


# --- the search -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    article_id: int
    lang: str  # the language version that matched


def _limits():
    """(articles listed at most, documents ranked at most). ts_rank reads each document's
    whole vector, so ranking every match of a common word would grow with the site: a search
    ranks the newest matching documents only (ordered by article, so an article's language
    versions come together), enough to hold settings.SEARCH_MAX_RESULTS articles; the best
    ranked of those come first, and the page says there are more."""
    most = settings.SEARCH_MAX_RESULTS
    return most, most * len(LANGUAGE_CODES)


FULLTEXT, SUBSTRINGS = "full-text", "substrings"


def _stages(concepts):
    """(kind, combine_all) to try in turn until one finds something. PostgreSQL: full-text
    with every concept, then substrings with every concept (Chinese written without the
    words jieba sees, e.g. part of a word), then full-text with any concept."""
    if connection.vendor == "postgresql":
        stages = [(FULLTEXT, True), (SUBSTRINGS, True), (FULLTEXT, False)]
    else:
        stages = [(SUBSTRINGS, True), (SUBSTRINGS, False)]
    if len(concepts) == 1:  # "any" is "every"
        stages = [stage for stage in stages if stage[1]]
    return stages


class Hits(list):
    """[Hit] of one stage, best first, at most SEARCH_MAX_RESULTS; ``more``: more matched;
    ``bounded``: a substring no index can find was looked for among the newest
    UNINDEXED_DOCUMENTS only, and there are older documents (the page says so)."""

    more = False
    bounded = False


def _columns(expression):
    """The names of the columns an expression reads."""
    found, stack = set(), [expression]
    while stack:
        node = stack.pop()
        if isinstance(node, Col):
            found.add(node.target.column)
        elif isinstance(node, WhereNode):
            stack.extend(node.children)
        elif hasattr(node, "get_source_expressions"):
            stack.extend(e for e in node.get_source_expressions() if e is not None)
    return found


# Substrings shorter than three characters, which no trigram index can find: a rare one would
# be looked for in every document (1 to 3 s at 100,000 articles). They are looked for among
# this many of the newest documents at most.
UNINDEXED_DOCUMENTS = 5000


def _indexed(concepts):
    """Whether the trigram indexes can find the documents that hold every one of ``concepts``
    as substrings: some concept has a word of three characters or more in each of its forms."""
    return any(
        all(any(len(_like_word(word)) >= 3 for word in form.words) for form in concept.forms) for concept in concepts
    )


def _newest_windowed(condition, columns, count, *, indexed=True):
    """(sql, params, bounded) of the newest ``count`` documents that meet ``condition``, the same as
    ordering them all by article and cutting, for conditions PostgreSQL cannot estimate
    (LIKE on a trigram index): whichever plan it picks, a word in nearly every document or in
    none would read the whole table (seconds at 100,000 articles). So the newest documents,
    twice ``count``, are looked at first (one query): when enough of them match, the
    candidates come from them alone; else the older matches are added, through the trigram
    index when matches are rare there, else walking back by article as usual. ``indexed``
    False (_indexed): no index can find them, so only among the newest UNINDEXED_DOCUMENTS
    (``bounded``: older documents were left out)."""
    table = connection.ops.quote_name(ArticleSearch._meta.db_table)
    query = ArticleSearch.objects.filter(condition).query
    where_sql, where_params = query.get_compiler(connection=connection).compile(query.where)
    size = 2 * count
    shown = ["article_id", "language", *columns]
    window = ArticleSearch.objects.order_by("-article_id", "-language").values_list(
        *dict.fromkeys([*shown, *sorted(_columns(query.where))])
    )[:size]
    window_sql, window_params = window.query.sql_with_params()
    # The oldest article of the newest UNINDEXED_DOCUMENTS (None: the table holds fewer).
    floor = ArticleSearch.objects.order_by("-article_id", "-language").values_list("article_id")
    floor_sql, floor_params = floor[UNINDEXED_DOCUMENTS - 1 : UNINDEXED_DOCUMENTS].query.sql_with_params()
    probe = (
        f"SELECT count(*) FILTER (WHERE ({where_sql}) AND {table}.article_id > {table}.boundary), "  # noqa: S608
        f"min({table}.boundary), count(*), ({floor_sql}) "
        f"FROM (SELECT w.*, min(w.article_id) OVER () AS boundary FROM ({window_sql}) w) {table}"
    )
    with connection.cursor() as cursor:
        cursor.execute(probe, [*where_params, *floor_params, *window_params])
        matching, boundary, documents, floor_id = cursor.fetchone()
    if documents < size:  # the whole table is in the window
        boundary = 0
    recent = (
        f"SELECT {', '.join(f'{table}.{c}' for c in shown)} FROM ({window_sql}) {table} "  # noqa: S608
        f"WHERE ({where_sql}) AND {table}.article_id > %s"
    )
    recent_params = [*window_params, *where_params, boundary]
    order = f"ORDER BY {table}.article_id DESC, {table}.language DESC LIMIT {int(count)}"
    if matching >= count or documents < size:
        return f"{recent} {order}", recent_params, False
    older = ArticleSearch.objects.filter(condition, article_id__lte=boundary)
    bounded = not indexed and floor_id is not None
    if not indexed:  # walking back by article, down to the newest UNINDEXED_DOCUMENTS' oldest
        older = older.filter(article_id__gte=floor_id or 0).order_by("-article_id", "-language")
    elif matching * 20 < size:  # rare: through the trigram index, then sorted
        older = older.order_by((F("article_id") + 0).desc(), "-language")
    else:
        older = older.order_by("-article_id", "-language")
    older_sql, older_params = older.values_list(*shown)[: count - matching].query.sql_with_params()
    sql = f"SELECT * FROM (({recent}) UNION ALL ({older_sql})) {table} {order}"  # noqa: S608
    return sql, [*recent_params, *older_params], bounded


def _ranked(lang, condition, rank, *, windowed=False, indexed=True):
    """Hits of the substring stage (an ORM ``condition`` and ``rank``, see _like_match) among
    the newest matching documents (see _limits); ``windowed``: PostgreSQL, found through
    _newest_windowed."""
    _most, candidates = _limits()
    query = ArticleSearch.objects.all().query
    rank = rank.resolve_expression(query)
    rank_sql, rank_params = query.get_compiler(connection=connection).compile(rank)
    columns = sorted(_columns(rank))
    bounded = False
    if windowed:
        newest_sql, newest_params, bounded = _newest_windowed(condition, columns, candidates + 1, indexed=indexed)
    else:
        newest = (
            ArticleSearch.objects.filter(condition)
            .order_by("-article_id", "-language")
            .values_list("article_id", "language", *columns)[: candidates + 1]
        )
        newest_sql, newest_params = newest.query.sql_with_params()
    hits = _best_of(lang, newest_sql, newest_params, rank_sql, rank_params)
    hits.bounded = bounded
    return hits


def _ranked_fulltext(lang, concepts, combine_all):
    """Hits of PostgreSQL's full-text stage: the newest documents whose vector matches (the
    GIN index finds them), ranked by ts_rank (see rank_tsquery)."""
    _most, candidates = _limits()
    table = connection.ops.quote_name(ArticleSearch._meta.db_table)
    match_sql, match_params = tsquery(concepts, combine_all)
    rank_query_sql, rank_query_params = rank_tsquery(concepts)
    newest_sql = (
        f"SELECT d.article_id, d.language, d.vector FROM {table} d WHERE d.vector @@ {match_sql} "  # noqa: S608
        "ORDER BY d.article_id DESC, d.language DESC LIMIT %s"
    )
    rank_sql = f"ts_rank({table}.vector, {rank_query_sql})"
    return _best_of(lang, newest_sql, [*match_params, candidates + 1], rank_sql, rank_query_params)


def _best_of(lang, newest_sql, newest_params, rank_sql, rank_params):
    """Hits among the candidates ``newest_sql`` selects (article_id, language and the columns
    ``rank_sql`` reads, the newest first), in one query that ranks and orders them; each
    article's first document is its hit. Publication is checked on those candidates only
    (drafts are few and new), so that finding them needs nothing but the search index, and
    the work and rows read stay the same however many articles match.

    The candidates are a derived table the ranking reads its columns from, so that only they
    are ranked (ranking in the candidates' own query would rank every match before the
    LIMIT when PostgreSQL sorts them) and no document is read twice."""
    most, candidates = _limits()
    table = connection.ops.quote_name(ArticleSearch._meta.db_table)
    article = connection.ops.quote_name(Article._meta.db_table)
    sql = (
        # Article.objects.published(), on the article joined for the order.
        f"SELECT {table}.article_id, {table}.language, "  # noqa: S608 - our names, Django's SQL
        f"({article}.status = %s AND {article}.published_at <= %s) "
        f"FROM ({newest_sql}) {table} INNER JOIN {article} ON {article}.id = {table}.article_id "
        f"ORDER BY CASE WHEN {table}.language = %s THEN 0 ELSE 1 END, {rank_sql} DESC, "
        f"{article}.published_at DESC, {table}.article_id"
    )
    params = [
        Article.Status.PUBLISHED, connection.ops.adapt_datetimefield_value(timezone.now()),
        *newest_params, lang, *rank_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    hits, seen, documents = Hits(), set(), 0
    for article_id, language, published in rows:
        documents += 1
        if published and article_id not in seen:
            seen.add(article_id)
            hits.append(Hit(article_id, language))
    hits.more = len(hits) > most or documents > candidates
    del hits[most:]
    return hits


def find(concepts, lang):
    """Hits for the ``concepts`` of a query (parse_query): one per published article, the
    reader's language first, then by rank (see _ranked). One query per stage tried (at most
    three, see _stages), two for PostgreSQL's substring stage (see _newest_windowed).

    While reader pages are built, the hits of a query are found once per content version
    for every app server (response_cache.shared): the other pages of its results, and every
    query string with the same concepts (other case, punctuation, stop words or parameters),
    reuse them, so that paging through results is one ranked list however the data changes
    meanwhile (a change makes a new version, and then a new list)."""
    if not concepts:
        return Hits()
    more, bounded, found = shared(f"search:{lang}:{concepts_key(concepts)}", lambda: _stored(_find(concepts, lang)))
    hits = Hits(Hit(article_id, language) for article_id, language in found)
    hits.more, hits.bounded = more, bounded
    return hits


def concepts_key(concepts):
    """A key naming what a query looks for, the same for every wording of the same words."""
    return json.dumps([[list(form.words) for form in concept.forms] for concept in concepts], ensure_ascii=False)


def _stored(hits):
    """Hits as the cache keeps them: plain values, small and quick to read back."""
    return hits.more, hits.bounded, [(hit.article_id, hit.lang) for hit in hits]


def _find(concepts, lang):
    indexed = _indexed(concepts)
    bounded = False
    for kind, combine_all in _stages(concepts):
        if kind == FULLTEXT:
            hits = _ranked_fulltext(lang, concepts, combine_all)
        else:
            windowed = connection.vendor == "postgresql"
            hits = _ranked(lang, *_like_match(concepts, combine_all), windowed=windowed, indexed=indexed)
        bounded = bounded or hits.bounded
        if hits:
            break
    else:
        hits = Hits()
    hits.bounded = bounded
    return hits


# --- results with snippets --------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    url: str
    title: str  # safe HTML: escaped, query words in <mark>
    snippet: str  # safe HTML
    lang: str  # the language of the text shown
    is_other_language: bool
    topics: list = field(default_factory=list)
    article_id: int | None = None  # with lang: which text it shows (its review state)


def highlight_patterns(concepts):
    """Regular expressions, on folded text, for every word the query looks for."""
    patterns = []
    for word in sorted({w for c in concepts for f in c.forms for w in f.words}, key=len, reverse=True):
        if CJK_RUN.search(word):
            patterns.append(re.escape(word))
        else:
            patterns.append(rf"(?<![^\W_]){re.escape(_like_word(word))}[^\W_]*")
    return re.compile("|".join(patterns)) if patterns else None


def _spans(text, pattern):
    """(start, end) in ``text`` of each match of ``pattern`` on its folded form."""
    folded, positions = folded_with_positions(text)
    spans = []
    for match in pattern.finditer(folded):
        if match.end() <= match.start():
            continue
        start, end = positions[match.start()], positions[match.end() - 1] + 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))  # adjacent words: one mark
        else:
            spans.append((start, end))
    return spans


def highlight(text, pattern, *, window=None, spans=None):
    """``text`` escaped, with the matches of ``pattern`` in <mark>; ``window``: cut to about
    that many characters around the first match, with an ellipsis where cut. ``spans``:
    _spans(text, pattern) when already found."""
    if spans is None:
        spans = _spans(text, pattern) if pattern else []
    start, end = 0, len(text)
    if window and len(text) > window:
        first = spans[0][0] if spans else 0
        start = max(0, first - window // 3)
        space = text.find(" ", start, first)
        if start > 0 and space != -1:
            start = space + 1  # begin at a word, not inside one
        end = min(len(text), start + window)
        spans = [(a, b) for a, b in spans if a >= start and b <= end]
    parts, cursor = [], start
    for a, b in spans:
        if a < cursor:
            continue
        parts.append(escape(text[cursor:a]))
        parts.append(f"<mark>{escape(text[a:b])}</mark>")
        cursor = b
    parts.append(escape(text[cursor:end]))
    html = "".join(parts)
    if start > 0:
        html = "…" + html
    if end < len(text):
        html += "…"
    return mark_safe(html)  # noqa: S308 - every piece of text escaped above


def snippet(fields, pattern, *, answer=None):
    """The key answer, or the first passage of the body that holds a query word. ``answer``:
    _answer(fields, pattern) when already found."""
    answer, spans = answer or _answer(fields, pattern)
    if pattern and not spans:  # the body, long, only when needed
        body = plain_text(fields.get("body", ""))
        body_spans = _spans(body, pattern)
        if body_spans:
            return highlight(body, pattern, window=SNIPPET_LENGTH, spans=body_spans)
    return highlight(answer, pattern, window=SNIPPET_LENGTH, spans=spans)


def _answer(fields, pattern):
    """(the key answer as plain text, the spans of the query words in it)."""
    answer = plain_text(fields.get("summary", ""))
    return answer, _spans(answer, pattern) if pattern else []


def _shows_a_query_word(fields, pattern):
    return pattern is None or any(_spans(plain_text(fields.get(name, "")), pattern) for name in ("title", "summary", "body"))


# What a result shows of the live text, and the article columns read for it (the other texts,
# long, are left in the database; text_source's provider reads content_updated_at). The body is
# read afterwards, and only for the results whose key answer holds no query word (_bodies).
_RESULT_FIELDS = ("title", "summary")
_RESULT_COLUMNS = (
    "slug", "status", "published_at", "content_updated_at",
    *(f"{name}_{field_suffix(code)}" for name in _RESULT_FIELDS for code in LANGUAGE_CODES),
)


def _bodies(shown, pattern):
    """{(article id, language): body} of the shown live texts whose key answer holds no word
    of ``pattern`` (their snippet comes from the body): one query, none when every key answer
    holds one. ``shown``: [(article, language, fields, _answer(fields, pattern))]."""
    wanted = defaultdict(list)
    for article, code, _fields, (_text, spans) in shown:
        if pattern and not spans:
            wanted[code].append(article.pk)
    if not wanted:
        return {}
    columns = {code: f"body_{field_suffix(code)}" for code in wanted}
    rows = Article.objects.filter(pk__in=[pk for pks in wanted.values() for pk in pks]).values("pk", *columns.values())
    found = {}
    for row in rows:
        for code, column in columns.items():
            if row["pk"] in wanted[code]:
                found[row["pk"], code] = row[column] or ""
    return found


TOPICS_KEPT = 1000  # topics memoized per worker and content version, at most


def _topics_by_pk(pks):
    found = Topic.objects.in_bulk(pks)
    return {pk: found.get(pk) for pk in pks}


def results(hits, lang, concepts):
    """The Result of each hit (a page of them): one query for the articles, one for their
    topic links (the topics themselves memoized), one for the bodies a snippet needs (_bodies),
    plus what text_source's provider needs."""
    from ..public.page import localized, shown_version

    ids = [h.article_id for h in hits]
    articles = Article.objects.published().filter(pk__in=ids).order_by()
    by_id = {a.pk: a for a in articles.only(*_RESULT_COLUMNS)}
    topics = defaultdict(list)  # one query for the links; the topics themselves memoized
    links = list(Article.topics.through.objects.filter(article_id__in=ids).values_list("article_id", "topic_id"))
    by_pk = memoized_many("topic", sorted({pk for _article, pk in links}), _topics_by_pk, limit=TOPICS_KEPT)
    for article_id, topic_pk in links:
        if by_pk[topic_pk] is not None:  # None: deleted since the links were read
            topics[article_id].append(by_pk[topic_pk])
    for listed in topics.values():
        listed.sort(key=lambda topic: (topic.slug, topic.pk))
    versions = text_source.reader_versions(list(by_id.values()))
    pattern = highlight_patterns(concepts)
    shown = []  # (article, language shown, its fields, its key answer: _answer)
    for hit in hits:
        article = by_id.get(hit.article_id)
        if article is None:
            continue
        try:
            code, text = shown_version(article, hit.lang, versions=versions, fields=_RESULT_FIELDS)
        except text_source.NotShown:
            continue
        if versions is not None and not _shows_a_query_word(text.fields, pattern):
            continue  # it matched text readers are not shown (e.g. not yet approved)
        shown.append((article, code, text.fields, _answer(text.fields, pattern)))
    bodies = _bodies(shown, pattern) if versions is None else {}  # a provider's texts hold their body
    found = []
    for article, code, fields, answer in shown:
        if (article.pk, code) in bodies:
            fields = {**fields, "body": bodies[article.pk, code]}
        found.append(
            Result(
                url=article.url_in(code),
                title=highlight(fields["title"] or article.slug, pattern),
                snippet=snippet(fields, pattern, answer=answer),
                lang=code,
                is_other_language=code != lang,
                topics=[localized(t, "name", lang) for t in topics[article.pk]],
                article_id=article.pk,
            )
        )
    return found


def rendered_results(page, lang, concepts):
    """(how many results, their list as HTML) of a page of hits (a Paginator page of find()):
    built once per content version for every query string with the same concepts, as their
    hits are (find), so that another wording of a query, a tracking parameter or a return to
    an earlier page renders no result again. The list holds nothing of the query as typed
    (the snippets mark the article's own words) and no link that carries it (pagination is
    outside it)."""

    def render():
        found = results(page.object_list, lang, concepts)
        html = render_to_string("articles/_search_results.html", {"results": found, "start": page.start_index()})
        return len(found), html

    count, html = shared(f"search-results:{lang}:{concepts_key(concepts)}:{page.number}", render)
    return count, mark_safe(html)  # noqa: S308 - rendered by our template above
