"""The fingerprint of what readers of one language version see: what a sign-off approves.

A sha256 over the language's reader-visible text (title, key answer, body, plain-language
summary) and the identity and state of every reference that text cites (key, retracted flag,
a digest of what its entry in the reference list shows: references.formatting.shown_values
and the evidence badge). An approval holds for the current text only
while the fingerprints are equal, so an edit of that language's text or of a cited reference
makes it pending again, while a metadata-only save (slug, status, topics) or an edit of the
other language does not.

Text is normalised first, so that a browser posting CRLF line endings or trailing spaces
does not count as a change: CRLF/CR -> LF, trailing whitespace of every line stripped,
leading and trailing blank lines dropped.
"""

import hashlib
import json

from articles.models import Article, field_suffix
from articles.rendering.citations import cited_keys
from references.formatting import shown_values
from references.models import Reference

TEXT_FIELDS = Article.READER_VISIBLE_FIELDS  # title, summary, body, plain_summary

# The evidence type is shown as a badge next to the citation, the retracted flag as a warning.
BADGE_FIELDS = ("evidence",)


def normalize(text):
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def reference_state(reference):
    """What of a reference a sign-off depends on: [key, retracted, digest of what its entry in
    the reference list shows]. The citation's values come from references.formatting, so an
    edit of anything the citation shows (title, authors, journal abbreviation, date cited,
    ...) changes the digest, and an edit of what it does not show (abstract, notes, the
    item as imported) does not."""
    if reference is None:
        return None
    shown = {**shown_values(reference), **{name: getattr(reference, name) for name in BADGE_FIELDS}}
    digest = hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()
    return [reference.key, bool(reference.retracted), digest]


def fingerprint(texts, library, keys=None):
    """The fingerprint of one language version.

    ``texts``: {field: text} for TEXT_FIELDS; ``library``: {key: Reference} of (at least) the
    cited references found in the library; ``keys``: the keys the text cites, if already known.
    """
    texts = {name: normalize(texts.get(name)) for name in TEXT_FIELDS}
    if keys is None:
        keys = cited_keys(texts["summary"], texts["body"])
    payload = {
        "text": texts,
        "references": [[key, reference_state(library.get(key))] for key in sorted(set(keys))],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def texts_of(article, lang):
    """The reader-visible fields of an article in one language, as stored now."""
    return {name: article.text(name, lang) for name in TEXT_FIELDS}


def texts_of_version(field_dict, lang):
    """The reader-visible fields of one language in a reversion ``Version.field_dict``."""
    suffix = field_suffix(lang)
    return {name: field_dict.get(f"{name}_{suffix}") or "" for name in TEXT_FIELDS}


def fingerprint_texts(texts):
    """fingerprint() with the cited references looked up in the library (one query at most)."""
    keys = cited_keys(normalize(texts.get("summary")), normalize(texts.get("body")))
    library = {ref.key: ref for ref in Reference.objects.filter(key__in=keys)} if keys else {}
    return fingerprint(texts, library, keys)


def article_fingerprint(article, lang):
    """The fingerprint of the article's stored text in ``lang``."""
    return fingerprint_texts(texts_of(article, lang))
