"""Rendered article HTML, cached per (text, persona, glossary, personas, cited references).

``render_article(...)`` here takes the arguments of ``articles.rendering.markdown.render_article`` and
returns the same ``Rendered``, but keeps what the renderer produced (summary HTML, body HTML,
the ordered citation keys and the table of contents) in Django's cache framework
(``django.core.cache.cache``: local memory by default, Redis with ``CACHE_URL``).

The key is right by construction: it is a sha256 of every input the output depends on

- the summary and body text of the language version shown,
- the persona code (``None``: the editors' view with every audience block),
- the glossary entries passed (key, forms and explanation of each, in the order given; an
  empty list when the glossary does not apply, e.g. for clinicians),
- the set of valid persona codes (audience blocks naming an unknown persona are an error),
- the keys of the library passed, i.e. which cited references exist (public/page.py passes only the
  references the text cites, so an unrelated new reference does not change the key),
- ``RENDERER_VERSION`` and the versions of markdown-it-py and nh3.

So any change of text, references, glossary or personas gives a new key and a fresh render;
there is nothing to invalidate by hand, and old entries simply expire (``TIMEOUT``, 30 days).
Bump ``RENDERER_VERSION`` whenever the pipeline (rendering/markdown.py, rendering/citations.py, rendering/audience.py,
rendering/glossary.py, rendering/sanitize.py) changes what it outputs for the same input.

What the cache does not hold: the reference objects. On a hit the ordered list is rebuilt from
the ``library`` dict the caller fetched for this request. The reference list itself (Vancouver
formatting, evidence badges, retraction warnings) is built outside the renderer from those
objects, per request, so edits to a reference show at once. The citation markers in the HTML
depend only on the numbering, which depends on the text and on which keys exist.

Kept in the database too (rendering/stored.py, StoredRender): a render for readers (``stored``,
the variant's slot, passed by ``page.render_for_reader``) is also written to the variant's row,
and on a cache miss the row is served if its key is this key (any change of input gives
another key, so a stale row is never served; the new render replaces it). ``cited_keys``
likewise takes the keys from the row if it was made from the same text (``text_digest``), so
after the cache was emptied a page whose render is stored parses no Markdown at all.

Not cached: text that does not render (``MarkdownError`` propagates; the next request tries
again), and anything rendered with ``use_cache=False`` (the editors' draft preview).
"""

import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from django.core.cache import cache
from django.utils.safestring import SafeString

from .citations import cited_keys as _cited_keys
from .glossary import Entry as GlossaryEntry
from .markdown import Rendered, TocEntry
from .markdown import render_article as _render_article

# Bump when the rendering pipeline's output changes for the same input.
RENDERER_VERSION = 1
# Seconds. Keys are content hashes (nothing goes stale), so entries may live long: articles
# are rendered when saved (rendering/prerender.py), and readers should find them.
TIMEOUT = 30 * 24 * 60 * 60
KEY_PREFIX = "articles:rendered"


def _package_version(name):
    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover - both are dependencies
        return ""


_LIBRARY_VERSIONS = (_package_version("markdown-it-py"), _package_version("nh3"))


def cache_key(
    summary: str,
    body: str,
    *,
    persona: str | None,
    library: Mapping[str, Any],
    personas: Collection[str],
    glossary: Sequence[GlossaryEntry] = (),
) -> str:
    """The cache key of a render: a hash of everything its output depends on."""
    inputs = {
        "renderer": [RENDERER_VERSION, *_LIBRARY_VERSIONS],
        "summary": summary,
        "body": body,
        "persona": persona,
        "personas": sorted(set(personas)),
        "references": sorted(str(key) for key in library),
        # Order kept: with two terms sharing a form, the first one given wins.
        "glossary": [[entry.key, list(entry.forms), entry.explanation] for entry in glossary],
    }
    payload = json.dumps(inputs, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{KEY_PREFIX}:{hashlib.sha256(payload.encode()).hexdigest()}"


CITED_KEY_PREFIX = "articles:cited"
CITED_TIMEOUT = 30 * 24 * 60 * 60  # seconds: the keys of a text never change, only the text does


def text_digest(summary: str, body: str) -> str:
    """A hash of a text (and of the parser's version): what its cited keys are stored under."""
    payload = json.dumps([RENDERER_VERSION, *_LIBRARY_VERSIONS, summary, body], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def cited_keys(summary: str, body: str, stored=None) -> list[str]:
    """``articles.rendering.citations.cited_keys`` without a parse when this text was seen before: the
    keys a text cites, stored under a hash of the text (and of the parser's version), so a
    page whose render is cached builds its render key without reading the Markdown. Filled
    when an article is saved (rendering/prerender.py) or at the first parse. ``stored``: the
    variant's ``stored.Slot``, whose row's keys are used on a cache miss if it was rendered
    from the same text."""
    digest = text_digest(summary, body)
    key = f"{CITED_KEY_PREFIX}:{digest}"
    keys = cache.get(key)
    if not isinstance(keys, list):
        keys = stored.cited_keys(digest) if stored is not None else None
        if keys is None:
            keys = _cited_keys(summary, body)
        cache.set(key, keys, CITED_TIMEOUT)
    if stored is not None:
        stored.text = (digest, list(keys))
    return list(keys)


def _to_cache(rendered: Rendered, library: Mapping[str, Any]) -> dict:
    # Plain strings and tuples only: safe to pickle into Redis and back in any process.
    keys_by_object = {id(obj): key for key, obj in library.items()}
    return {
        "summary_html": str(rendered.summary_html),
        "body_html": str(rendered.body_html),
        "reference_keys": [keys_by_object[id(obj)] for obj in rendered.references],
        "toc": [(entry.level, entry.id, entry.text) for entry in rendered.toc],
    }


def _from_cache(data: dict, library: Mapping[str, Any]) -> Rendered:
    return Rendered(
        summary_html=SafeString(data["summary_html"]),  # sanitised before it was stored
        body_html=SafeString(data["body_html"]),
        references=[library[key] for key in data["reference_keys"]],
        toc=[TocEntry(level=level, id=id_, text=text) for level, id_, text in data["toc"]],
    )


def render_article(
    summary: str,
    body: str,
    *,
    persona: str | None,
    library: Mapping[str, Any],
    personas: Collection[str],
    glossary: Sequence[GlossaryEntry] = (),
    use_cache: bool = True,
    stored=None,
) -> Rendered:
    """``articles.rendering.markdown.render_article``, served from the cache when the inputs are the same.
    ``stored``: the variant's ``stored.Slot`` (a render for readers): on a cache miss its row
    is served if made from the same inputs (same key), and a new render replaces the row."""
    arguments = {"persona": persona, "library": library, "personas": personas, "glossary": glossary}
    if not use_cache:
        return _render_article(summary, body, **arguments)
    key = cache_key(summary, body, **arguments)
    data = cache.get(key)
    if data is None and stored is not None:
        data = stored.data(key)
        if data is not None:
            cache.set(key, data, TIMEOUT)
    elif data is not None and stored is not None and stored.verify and stored.data(key) is None:
        _store(stored, key, data, summary, body)
    if data is not None:
        try:
            return _from_cache(data, library)
        except (KeyError, TypeError, ValueError):
            pass  # an entry of another shape (should not happen: the key covers the inputs)
    rendered = _render_article(summary, body, **arguments)  # MarkdownError: nothing stored
    data = _to_cache(rendered, library)
    cache.set(key, data, TIMEOUT)
    if stored is not None:
        _store(stored, key, data, summary, body)
    return rendered


def _store(stored, key, data, summary, body):
    digest = text_digest(summary, body)
    keys = stored.text[1] if stored.text is not None and stored.text[0] == digest else _cited_keys(summary, body)
    stored.store(key, data, digest, keys)
