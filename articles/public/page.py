"""Domain logic of the public pages: what an article page, the index and a topic page show.

The views stay thin: they look the article up, resolve the persona (public/personas.py) and hand
both to the builders here, which pick the language version, fetch the cited references in
one query, render the text (cached: rendering/render_cache.py) and assemble the schema.org data.
"""

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count
from django.urls import NoReverseMatch, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html_join, linebreaks
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, normalize_newlines
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import override

from references.author_list import schema_org_names
from references.formatting import vancouver_html
from references.models import Reference
from references.richtext import plain_text as rich_text_words

from ..models import LANGUAGE_CODES, Article, GlossaryTerm, Topic, field_suffix
from ..rendering.citations import citation_anchors
from ..rendering.citations import cited_keys as parse_cited_keys
from ..rendering.glossary import Entry as GlossaryEntry
from ..rendering.markdown import MarkdownError
from ..rendering.render_cache import cited_keys, render_article
from ..rendering.stored import Slot
from ..search.text import plain_text
from . import page_data, text_source, typography
from .collation import sort_key
from .freshness import Freshness, freshness
from .related import related_articles
from .response_cache import memoized, memoized_many, shared

logger = logging.getLogger(__name__)


# --- language ------------------------------------------------------------------------


@dataclass(frozen=True)
class Localized:
    """A piece of text and the language it is actually in (which may not be the page's)."""

    text: str
    lang: str
    is_fallback: bool = False

    def __str__(self):
        return self.text


def _fallback_order(lang):
    return [lang] + [code for code in LANGUAGE_CODES if code != lang]


def localized(obj, field_name, lang):
    """A translated field in ``lang``, else in the first other language that has it."""
    for code in _fallback_order(lang):
        value = getattr(obj, f"{field_name}_{field_suffix(code)}", "") or ""
        if value:
            return Localized(value, code, code != lang)
    return Localized("", lang, False)


def content_language(article, lang):
    """The language version to show: ``lang`` if the article has it, else another one."""
    versions = article.languages()
    for code in _fallback_order(lang):
        if code in versions:
            return code
    # No complete version anywhere (should not be published): show whatever has a title.
    for code in _fallback_order(lang):
        if article.text("title", code) or article.text("summary", code):
            return code
    return lang


def live_text(article, lang, fields=Article.READER_VISIBLE_FIELDS):
    return {name: article.text(name, lang) for name in fields}


_NOT_FETCHED = object()


def shown_version(article, lang, *, draft=False, versions=_NOT_FETCHED, fields=Article.READER_VISIBLE_FIELDS):
    """(language, ShownText) of what readers of a page in ``lang`` see: the language if the
    article has it for readers, else another one (``text_source``; live text by default).
    ``draft``: the live text whatever the provider says (the editors' preview).
    ``versions``: ``text_source.reader_versions()`` already fetched for this article.
    ``fields``: the live text's fields needed (cards: title and key answer).
    Raises text_source.NotShown if no language version may be shown."""
    if versions is _NOT_FETCHED and not draft:
        versions = text_source.reader_versions([article])
    if draft or versions is None or versions is _NOT_FETCHED:
        code = content_language(article, lang)
        return code, text_source.ShownText(live_text(article, code, fields))
    shown = versions.get(article.pk, {})
    for code in _fallback_order(lang):
        if code in shown:
            return code, shown[code]
    raise text_source.NotShown(article.slug)


def language_name(code, in_lang):
    names = dict(settings.LANGUAGES)
    with override(in_lang):
        return str(names.get(code, code))


# --- personas in the picker ------------------------------------------------------------


@dataclass(frozen=True)
class PersonaOption:
    code: str
    label: Localized
    description: Localized
    is_current: bool


def persona_options(choice, lang):
    return [
        PersonaOption(
            code=p.code,
            label=localized(p, "label", lang),
            description=localized(p, "description", lang),
            is_current=(choice.persona is not None and p.code == choice.persona.code),
        )
        for p in choice.personas
    ]


def editorial_policy_url(lang):
    """settings.EDITORIAL_POLICY_URL; a site-relative path gets the language prefix if it exists."""
    url = settings.EDITORIAL_POLICY_URL or ""
    if url.startswith("/") and not url.startswith("//"):
        prefixed = f"/{lang}{url}"
        try:
            resolve(prefixed)
            return prefixed
        except Resolver404:
            return url
    if url:
        return url
    try:
        with override(lang):
            return reverse("editorial_policy")
    except NoReverseMatch:
        return ""


# --- the article page ------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceEntry:
    number: int
    reference: Reference
    html: SafeString
    evidence_label: str
    # (id, letter) of each place the source is cited, for the "↑ a b c" links back.
    back_links: tuple = ()

    @property
    def anchor(self):
        return f"ref-{self.number}"


def _letters():
    """a, b, ..., z, aa, ab, ...: the labels of the links back to each place a source is cited."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield from letters
    for first in letters:
        for second in letters:
            yield first + second


@dataclass(frozen=True)
class AuthorEntry:
    name: str
    credentials: Localized
    affiliation: Localized
    disclosure: Localized


@dataclass
class ArticlePage:
    article: Article
    lang: str  # the language of the page (URL prefix)
    content_lang: str  # the language of the article text shown
    title: str
    summary_html: SafeString
    body_html: SafeString
    plain_summary_html: SafeString
    toc: list
    references: list[ReferenceEntry]
    authors: list[AuthorEntry]
    topics: list
    persona_choice: object
    personas: list[PersonaOption]
    disclaimer: Localized
    updated: datetime | None  # when the text shown (content_lang) last changed
    url: str
    jsonld: dict = field(default_factory=dict)
    render_failed: bool = False
    freshness: Freshness | None = None
    update_notes: list = field(default_factory=list)  # [(date, Localized)], newest first
    shown_languages: list = field(default_factory=list)  # every language readers may see it in
    # What a reviewer's sign-off is checked against (reviews app): the reader-visible fields
    # of the text shown, the keys it cites and the cited references found in the library.
    shown_text: dict = field(default_factory=dict)
    cited_keys: list = field(default_factory=list)
    cited_library: dict = field(default_factory=dict)
    related: list = field(default_factory=list)  # [ArticleCard], best first (public/related.py)

    @property
    def stale_note(self):
        """Shown to readers of a translation whose original changed after it was translated."""
        if not (self.freshness and self.freshness.stale and self.freshness.source_changed_at):
            return ""
        with override(self.lang):
            return _("This translation may be out of date (source updated %(date)s).") % {
                "date": date_format(localtime(self.freshness.source_changed_at), "DATE_FORMAT")
            }

    @property
    def is_fallback(self):
        return self.content_lang != self.lang

    @property
    def separators(self):
        """Punctuation between a name and its credentials, a date and its note (page language)."""
        return typography.separators(self.lang)

    @property
    def persona(self):
        return self.persona_choice.persona

    @property
    def persona_label(self):
        return localized(self.persona, "label", self.lang).text if self.persona else ""

    @property
    def print_url(self):
        """The address of this very version (persona included), for a printout."""
        if self.persona is None:
            return self.url
        return f"{self.url}?{urlencode({'persona': self.persona.code})}"

    @property
    def fallback_note(self):
        if not self.is_fallback:
            return ""
        return _("Not yet available in %(wanted)s; showing the %(shown)s original.") % {
            "wanted": language_name(self.lang, self.lang),
            "shown": language_name(self.content_lang, self.lang),
        }

    @property
    def other_languages(self):
        return [code for code in self.article.languages() if code != self.content_lang]


def published_article(slug):
    """The article a reader may see, with what its page needs prefetched (DoesNotExist if none):
    read once per content version for all its pages (response_cache.shared)."""
    return shared(f"article:{slug}", lambda: _published_article(slug), leads=True)


def _published_article(slug):
    return page_data.published_with_page_data(slug)


def any_article(slug):
    """Any article whatever its status, for the editors' preview."""
    return Article.objects.with_page_data().get(slug=slug)


def _plain_html(text):
    """Fallback rendering: the source shown as escaped text, never as HTML."""
    return mark_safe(linebreaks(escape(text)))  # noqa: S308 - escaped just above


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def plain_paragraphs_html(text):
    """Plain text (the plain-language summary) as escaped paragraphs: a blank line starts a
    paragraph, a single line break is only where the lines were wrapped."""
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(normalize_newlines(text).strip()) if p.strip()]
    return format_html_join("\n", "<p>{}</p>", ((typography.unwrapped(p),) for p in paragraphs))


def glossary_entries(lang):
    """The glossary terms explained to lay readers of a text in ``lang`` (one query, once
    per content version for reader pages)."""
    return memoized(f"glossary:{lang}", lambda: _glossary_entries(lang))


def _glossary_entries(lang):
    suffix = field_suffix(lang)
    entries = []
    # In the text's language's order, whatever language is active (the default ordering
    # follows the active one): the render's key, made at save or by any reader, is the same.
    for term in GlossaryTerm.objects.for_language(lang).order_by(f"term_{suffix}", "pk"):
        forms = tuple(term.forms(lang))
        explanation = getattr(term, f"lay_explanation_{suffix}") or ""
        if forms and explanation:
            entries.append(GlossaryEntry(key=str(term.pk), forms=forms, explanation=explanation))
    return entries


# Cited sources kept per process and content version (read-only on the page): at most this many.
REFERENCES_KEPT = 5000


def cited_library(keys):
    """{key: Reference} of ``keys`` found in the library. For reader pages each key is read
    once per process and content version (a library's sources are cited by many articles), the
    ones not yet read in one query; the other pages, one query."""
    found = memoized_many("reference", sorted(set(keys)), _library_lookup, limit=REFERENCES_KEPT)
    return {key: ref for key, ref in found.items() if ref is not None}


def _library_lookup(keys):
    """{key: Reference, or None when the library has no such key} (one query)."""
    found = {ref.key: ref for ref in Reference.objects.filter(key__in=keys)}
    return {key: found.get(key) for key in keys}


# Formatted citations kept per process (a library's sources are cited by many articles): at
# most this many, about 1 KB each.
CITATIONS_KEPT = 5000
_citations = {}  # (language, digest of every stored value of the reference): (citation HTML, level of evidence)


def formatted_citations(library, lang):
    """{key: (citation HTML, level of evidence)} of every reference in ``library`` (the cited
    sources found), worded for a page in ``lang``: made once per content version for all the
    pages in ``lang`` citing the same sources (every persona sees a subset of them), and each
    source formatted once per process for as long as none of its values changes, whichever
    article cites it, whatever else changed (a citation is made of the reference's own values
    and the page's language only)."""

    def format_all():
        return {key: formatted_citation(ref, lang) for key, ref in library.items()}

    return shared(f"citations:{lang}:{sorted(library)}", format_all)


def formatted_citation(ref, lang):
    """(citation HTML, level of evidence) of ``ref`` for a page in ``lang``, kept by its values."""
    values = repr(tuple(getattr(ref, field.attname) for field in ref._meta.concrete_fields))
    name = (lang, hashlib.blake2b(values.encode(), digest_size=16).digest())  # small, however long the values
    found = _citations.get(name)
    if found is None:
        with override(lang):
            found = vancouver_html(ref), str(ref.get_evidence_display())
        if len(_citations) >= CITATIONS_KEPT:  # the oldest goes
            _citations.pop(next(iter(_citations), None), None)
        if CITATIONS_KEPT:
            _citations[name] = found
    return found


@dataclass(frozen=True)
class ReaderText:
    """An article's text rendered for one reader, or shown escaped if it no longer renders."""

    summary_html: SafeString
    body_html: SafeString
    references: list
    toc: list
    library: dict  # the cited references found in the library, by key
    keys: list  # every key the text cites
    failed: bool = False


def render_for_reader(article, content_lang, *, persona, persona_codes, use_cache=True, texts=None, verify=False):
    """Render one language version for ``persona`` with the reference library (one query)
    and, for lay readers, the glossary (one query). ``texts``: the fields to render instead of
    the stored ones (see ``shown_version``). With ``use_cache`` the render is also kept in
    the database (rendering/stored.py; ``verify``: even when the cache has it)."""
    if texts is None:
        texts = live_text(article, content_lang)
    summary, body = texts["summary"], texts["body"]
    # A stored text's keys come from the cache or the stored render (no parse); a draft's are read from it.
    stored = Slot(article.pk, content_lang, persona.code if persona else None, verify=verify) if use_cache else None
    keys = cited_keys(summary, body, stored) if use_cache else parse_cited_keys(summary, body)
    library = cited_library(keys) if keys else {}
    lay_reader = persona is None or persona.is_lay
    try:
        rendered = render_article(
            summary,
            body,
            persona=persona.code if persona else None,
            library=library,
            personas=persona_codes,
            glossary=glossary_entries(content_lang) if lay_reader else (),
            use_cache=use_cache,
            stored=stored,
        )
    except MarkdownError as exc:
        # The admin refuses such text; this is for rows written some other way, or old
        # revisions citing a reference deleted since. Show the words, escaped, not nothing.
        logger.warning("Article %s (%s) does not render: %s", article.slug, content_lang, exc.problems)
        summary_html = mark_safe(escape(normalize_newlines(summary)).replace("\n", "<br>"))  # noqa: S308
        return ReaderText(summary_html, _plain_html(body), [], [], library, keys, failed=True)
    return ReaderText(
        rendered.summary_html, rendered.body_html, list(rendered.references), list(rendered.toc), library, keys
    )


def build_article_page(article, *, lang, persona_choice, absolute_url, use_cache=True, draft=False):
    """The article page; ``use_cache=False`` renders afresh, ``draft=True`` shows the stored
    text whatever readers are shown (both for the editors' preview). Raises
    text_source.NotShown if readers may see no language version."""
    versions = _NOT_FETCHED if draft else text_source.reader_versions([article])
    content_lang, shown = shown_version(article, lang, draft=draft, versions=versions)
    persona = persona_choice.persona

    lay_reader = persona is None or persona.is_lay
    text = render_for_reader(
        article, content_lang, persona=persona, persona_codes=persona_choice.codes, use_cache=use_cache,
        texts=shown.fields,
    )
    summary_html, body_html, references, toc = text.summary_html, text.body_html, text.references, text.toc
    render_failed = text.failed

    plain_summary = shown.fields["plain_summary"] if lay_reader else ""

    anchors = citation_anchors(summary_html, body_html)
    citations = formatted_citations(text.library, lang)
    entries = [
        ReferenceEntry(
            number=number,
            reference=ref,
            html=citations[ref.key][0],
            evidence_label=citations[ref.key][1],
            back_links=tuple(zip(anchors.get(number, [f"cite-{number}"]), _letters(), strict=False)),
        )
        for number, ref in enumerate(references, start=1)
    ]

    authors = [
        AuthorEntry(
            name=a.author.name,
            credentials=localized(a.author, "credentials", content_lang),
            affiliation=localized(a.author, "affiliation", content_lang),
            disclosure=localized(a.author, "disclosure", content_lang),
        )
        for a in article.authorships.all()
    ]
    topics = [(t, localized(t, "name", lang)) for t in article.topics.all()]

    page = ArticlePage(
        article=article,
        lang=lang,
        content_lang=content_lang,
        title=shown.fields["title"] or article.slug,
        summary_html=summary_html,
        body_html=body_html,
        plain_summary_html=plain_paragraphs_html(plain_summary) if plain_summary else mark_safe(""),
        toc=toc,
        references=entries,
        authors=authors,
        topics=topics,
        persona_choice=persona_choice,
        personas=persona_options(persona_choice, lang),
        disclaimer=localized(persona, "disclaimer", lang) if persona else Localized("", lang),
        updated=shown.updated or article.text_updated_at(content_lang),
        url=absolute_url,
        render_failed=render_failed,
    )
    page.freshness = freshness(article, content_lang) if article.source_language else None
    page.update_notes = [
        (note.created_at, localized(note, "note", lang))
        for note in article.update_notes.all()
        if note.withdrawn_at is None and localized(note, "note", lang).text
    ]
    page.shown_text = shown.fields
    page.cited_keys, page.cited_library = text.keys, text.library
    page.related = related_cards(article, lang, topic_ids=[t.pk for t, _name in topics],
                                 reference_ids=[ref.pk for ref in text.library.values()])
    page.jsonld = article_jsonld(page)
    page.shown_languages = (
        article.languages()
        if versions is None or versions is _NOT_FETCHED
        else [code for code in LANGUAGE_CODES if code in versions.get(article.pk, {})]
    )
    return page


def related_cards(article, lang, *, topic_ids, reference_ids):
    """Cards of the articles related to ``article`` (shared topics and sources), best first:
    made once per content version for the pages in ``lang`` that count the same sources."""
    name = f"related:{article.pk}:{lang}:{sorted(set(topic_ids))}:{sorted(set(reference_ids))}"
    return shared(name, lambda: _related_cards(article, lang, topic_ids=topic_ids, reference_ids=reference_ids))


def _related_cards(article, lang, *, topic_ids, reference_ids):
    articles, versions = related_articles(article, topic_ids=topic_ids, reference_ids=reference_ids)
    return [card for card in (_title_card(a, lang, versions) for a in articles) if card is not None]


def _title_card(article, lang, versions):
    """A card with the title, address and date only (what the list of related articles shows)."""
    try:
        code, shown = shown_version(article, lang, versions=versions, fields=("title",))
    except text_source.NotShown:
        return None
    url = article.url_in(lang)
    return ArticleCard(
        url=url,
        title=Localized(shown.fields["title"] or article.slug, code, code != lang),
        updated=shown.updated or article.text_updated_at(code),
    )


# --- schema.org ------------------------------------------------------------------------


def schema_audience(persona, lang):
    if persona is None:
        return None
    kind = persona.schema_audience
    if kind == "MedicalAudience":
        return {"@type": "MedicalAudience", "audienceType": "Clinician"}
    if kind == "PeopleAudience":
        return {"@type": "PeopleAudience", "audienceType": localized(persona, "label", lang).text or persona.code}
    return {"@type": "Patient"}


def reference_jsonld(ref):
    item = {"@type": "CreativeWork", "name": rich_text_words(ref.title)}  # CSL rich text: its words only
    authors = schema_org_names(ref.authors)
    if authors:
        # The names listed, in order; an incomplete list ("et al.") has no schema.org form,
        # and a made-up name would be worse than a short list.
        item["author"] = authors
    identifiers = []
    if ref.doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": ref.doi})
    if ref.pmid:
        identifiers.append({"@type": "PropertyValue", "propertyID": "PMID", "value": ref.pmid})
    if identifiers:
        item["identifier"] = identifiers
    url = ref.url or ref.doi_url or ref.pubmed_url
    if url:
        item["url"] = url
    return item


def article_jsonld(page):
    """The MedicalWebPage object of docs/article-format.md, without review data.

    Review data (lastReviewed, reviewedBy) belongs to the reviews app, which adds it in the
    template (``{% article_jsonld %}`` in review_tags) once the shown text is approved.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "inLanguage": page.content_lang,
        "url": page.url,
    }
    if page.updated:
        data["dateModified"] = page.updated.isoformat()
    if page.article.published_at:
        data["datePublished"] = page.article.published_at.isoformat()
    audience = schema_audience(page.persona, page.content_lang)
    if audience:
        data["audience"] = audience
    if page.authors:
        data["author"] = [{"@type": "Person", "name": a.name} for a in page.authors]
    data["citation"] = [reference_jsonld(entry.reference) for entry in page.references]
    return data


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld_script(data, nonce=None):
    """``<script type="application/ld+json">`` with the data; no text can close the element.
    ``nonce``: the request's Content-Security-Policy nonce (an inline script carries it)."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    nonce_attribute = f' nonce="{escape(nonce)}"' if nonce else ""
    return mark_safe(f'<script type="application/ld+json"{nonce_attribute}>{payload}</script>')  # noqa: S308 - escaped


# --- index and topic pages ---------------------------------------------------------------


LIST_PAGE_SIZE = 20
ANSWER_SNIPPET_LENGTH = 220


@dataclass(frozen=True)
class ArticleCard:
    url: str
    title: Localized
    updated: datetime | None  # when the text of the title's language last changed
    answer: Localized = Localized("", "")  # the key answer as plain text, shortened
    topics: tuple = ()  # (Topic, Localized name) in the page's language
    article_id: int | None = None  # with lang, which text the card shows (its review state:
    lang: str = ""  # reviews' {% card_review_states %})


CARD_FIELDS = ("title", "summary")


def _card(article, lang, versions):
    """The article's card, or None if readers may see no version of it."""
    try:
        code, shown = shown_version(article, lang, versions=versions, fields=CARD_FIELDS)
    except text_source.NotShown:
        return None
    url = article.url_in(lang)
    answer = Truncator(plain_text(shown.fields["summary"])).chars(ANSWER_SNIPPET_LENGTH)
    return ArticleCard(
        url=url,
        title=Localized(shown.fields["title"] or article.slug, code, code != lang),
        updated=shown.updated or article.text_updated_at(code),
        answer=Localized(answer, code, code != lang),
        topics=tuple((topic, localized(topic, "name", lang)) for topic in article.topics.all()),
        article_id=article.pk,
        lang=code,
    )


def article_cards(articles, lang):
    """Cards of ``articles`` in their order; those readers may not
    see left out. Costs what text_source's provider needs, nothing per article."""
    articles = list(articles)
    versions = text_source.reader_versions(articles)
    return [card for card in (_card(a, lang, versions) for a in articles) if card is not None]


def listed_articles(queryset=None):
    """Published articles, newest first: the order of readers' lists."""
    queryset = Article.objects.all() if queryset is None else queryset
    return queryset.published().order_by("-published_at", "slug")


def paginated_cards(queryset, lang, page_number):
    """(Page, cards of that page) of the published articles of ``queryset``: LIST_PAGE_SIZE a page, an out-of-range number gives the last.

    The page's ids are picked from the index on the listing order (the index
    ``article_public_order``), and only those articles are read with what a card needs
    (topics in one more query; not the bodies or plain summaries): reading wide rows to skip
    them made a deep page of a large site take seconds."""
    page = Paginator(listed_articles(queryset).values_list("pk", flat=True), LIST_PAGE_SIZE).get_page(page_number)
    articles = (
        Article.objects.filter(pk__in=page.object_list)
        .without_long_text(fields=("body", "plain_summary"))
        .with_text_dates()
        .prefetch_related("topics")
        .order_by("-published_at", "slug")
    )
    return page, article_cards(articles, lang)


def build_index(lang, page_number=None):
    """Every published article once, newest first, with its topics as labels."""
    return paginated_cards(Article.objects.all(), lang, page_number)


def build_topic(topic, lang, page_number=None):
    """A topic's published articles, newest first, each with its key answer."""
    return paginated_cards(topic.articles.all(), lang, page_number)


@dataclass(frozen=True)
class TopicEntry:
    topic: Topic
    name: Localized
    article_count: int


def topic_entries(lang):
    """Every topic with how many published articles it has, by name (two queries: the
    memberships of published articles counted per topic first, read from the listing index,
    then the topics)."""
    memberships = Article.topics.through.objects.filter(
        article__status=Article.Status.PUBLISHED, article__published_at__lte=timezone.now()
    )
    counts = dict(memberships.values("topic_id").annotate(n=Count("article_id")).order_by().values_list("topic_id", "n"))
    entries = [TopicEntry(t, localized(t, "name", lang), counts.get(t.pk, 0)) for t in Topic.objects.all()]
    entries.sort(key=lambda e: sort_key(e.name.text, e.name.lang))
    return entries


# --- site pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class SitePageView:
    title: Localized
    body_html: SafeString
    content_lang: str
    fallback_note: str


def build_site_page(site_page, lang):
    """A site page in ``lang``, or in the other language with a note saying so."""
    title = localized(site_page, "title", lang)
    body = localized(site_page, "body", title.lang)
    try:
        body_html = render_article("", body.text, persona=None, library={}, personas=(), use_cache=False).body_html
    except MarkdownError:
        body_html = _plain_html(body.text)
    note = ""
    if title.is_fallback:
        note = _("Not yet available in %(wanted)s; showing the %(shown)s original.") % {
            "wanted": language_name(lang, lang),
            "shown": language_name(title.lang, lang),
        }
    return SitePageView(title=title, body_html=body_html, content_lang=title.lang, fallback_note=note)
