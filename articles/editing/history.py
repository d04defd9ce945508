"""Version history of articles: word/character diffs, comparing two revisions, previewing one.

A revision's number, wherever it is shown (history list, compare, preview, the comments of
reverts and recoveries, conflicts, the ``revision:`` key of exported files), is the id of
its reversion ``Revision``; its time is shown to the second (``revision_time``).

Plain functions; the admin views are in ``articles/admin/history.py``.

Diffs are token based (``difflib.SequenceMatcher``, stdlib): Latin-script text is compared
word by word, Chinese (any CJK script) character by character, so "1.0×10^8个细胞" ->
"5.0×10^7个细胞" marks only "1"/"5" and "8"/"7". Changes are marked with ``<del>``/``<ins>``
plus visually hidden "[deleted: ...]"/"[added: ...]" text, so they do not rely on colour.

A revision's field dict (``Version.field_dict``) lacks the byline: ``version_state`` adds it
as "authors" (author ids in byline order, read from the revision's Authorship versions), so
authors compare like the other fields. A field missing from one of two dicts is not compared
(unknown, not empty).

Limitation: a revision stores the article's own fields (and its authorships), not the
reference library. The reference lists shown for old revisions (compare and preview) take
the keys that revision cited, in its order, but the titles and Vancouver text of the
*current* library: a reference edited or deleted since is shown as it is now (or as
missing), not as it was.
"""

import difflib
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from reversion.models import Version

from references.formatting import vancouver_html
from references.models import Reference

from ..models import LANGUAGE_CODES, Article, Author, Authorship, Persona, Topic, field_suffix
from ..rendering.citations import cited_keys
from .textnorm import same_text

TRANSLATED_FIELDS = ("title", "summary", "body", "plain_summary")
PLAIN_FIELDS = ("status", "slug", "topics", "authors")
LIST_SEPARATOR = "; "

_CJK = (
    "\u2e80-\u2fdf"  # radicals
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3100-\u31bf"  # bopomofo
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # hangul
    "\uf900-\ufaff"  # compatibility ideographs
    "\U00020000-\U0003134f"  # extensions B-G
)
# One CJK character | a run of word characters that are not CJK | a whitespace run | any other char.
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+|\s+|.", re.DOTALL)


def tokenize(text):
    """Words (Latin script), single characters (CJK), whitespace runs and single other characters."""
    return _TOKEN_RE.findall(text or "")


def _marked(tag, css_class, label, tokens):
    return format_html(
        '<{tag} class="{cls}"><span class="visually-hidden">{label}</span>{text}'
        '<span class="visually-hidden">]</span></{tag}>',
        tag=tag,
        cls=css_class,
        label=label,
        text="".join(tokens),
    )


def diff_html(old, new):
    """``new`` as HTML with what changed since ``old`` marked (escaped, safe to show)."""
    old_tokens, new_tokens = tokenize(normalize_newlines(old or "")), tokenize(normalize_newlines(new or ""))
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(new_tokens[j1:j2])))
            continue
        if op in ("delete", "replace"):
            parts.append(_marked("del", "diff-del", _("[deleted: "), old_tokens[i1:i2]))
        if op in ("insert", "replace"):
            parts.append(_marked("ins", "diff-ins", _("[added: "), new_tokens[j1:j2]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n+")
# Long texts whose unchanged paragraphs are folded away in diffs.
FOLDED_FIELDS = ("body", "plain_summary")


def paragraphs(text):
    text = normalize_newlines(text or "").strip("\n")
    return [part for part in _PARAGRAPH_BREAK_RE.split(text) if part] if text else []


def _folded(unchanged):
    count = len(unchanged)
    label = ngettext("%(count)d unchanged paragraph", "%(count)d unchanged paragraphs", count) % {"count": count}
    return format_html(
        '<details class="diff-unchanged"><summary>{}</summary>{}</details>', label, "\n\n".join(unchanged)
    )


def folded_diff_html(old, new):
    """``diff_html`` of a long text, paragraph by paragraph: every run of paragraphs that did
    not change is folded into "N unchanged paragraphs" (expandable, ``<details>``), and the
    changed ones are diffed word by word (character by character for Chinese)."""
    old_parts, new_parts = paragraphs(old), paragraphs(new)
    matcher = difflib.SequenceMatcher(None, old_parts, new_parts, autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_folded(new_parts[j1:j2]))
        else:
            parts.append(diff_html("\n\n".join(old_parts[i1:i2]), "\n\n".join(new_parts[j1:j2])))
    return mark_safe("\n".join(parts))  # noqa: S308 - every part is escaped above


def _text(field_dict, field, lang):
    return field_dict.get(f"{field}_{field_suffix(lang)}") or ""


def _plain(field_dict, name):
    value = field_dict.get(name)
    if name == "topics":
        return sorted(value or [])
    if name == "authors":
        return list(value or [])  # the byline's order matters
    return value


def changed_fields(old, new):
    """(field, language) pairs that differ between two ``Version.field_dict``s.

    Translated fields come once per language; status, slug, topics and authors with
    language None, and only if both dicts have them (a plain ``field_dict`` has no authors,
    see ``version_state``).
    A text that differs only in line endings or surrounding whitespace is unchanged.
    """
    changed = [
        (field, lang)
        for field in TRANSLATED_FIELDS
        for lang in LANGUAGE_CODES
        if not same_text(_text(old, field, lang), _text(new, field, lang))
    ]
    changed += [
        (name, None)
        for name in PLAIN_FIELDS
        if name in old and name in new and _plain(old, name) != _plain(new, name)
    ]
    return changed


def revision_time(moment):
    """When a revision was saved, to the second (two saves in one minute must differ), in the
    active language's date format: "Nov. 26, 2026 03:20:15", "2026年11月26日 03:20:15"."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'DATE_FORMAT')} {time_format(local, 'H:i:s')}"


# --- the byline of a revision --------------------------------------------------------------


def authors_by_revision(article_pk, revision_ids):
    """{revision id: [author id, ...] in byline order} of the article in those revisions.

    One query: the Authorship versions of those revisions (followed from the article).
    """
    authorship_type = ContentType.objects.get_for_model(Authorship)
    bylines = {revision_id: [] for revision_id in revision_ids}
    versions = Version.objects.filter(content_type=authorship_type, revision_id__in=list(bylines))
    for version in versions:
        fields = version.field_dict
        if fields.get("article_id") == article_pk:
            bylines[version.revision_id].append((fields["position"], int(version.object_id), fields["author_id"]))
    return {revision_id: [author for *_order, author in sorted(rows)] for revision_id, rows in bylines.items()}


def version_states(versions):
    """Each article version's ``field_dict`` plus "authors" (one query per article)."""
    versions = list(versions)
    bylines = {}
    for version in versions:
        bylines.setdefault(int(version.object_id), set()).add(version.revision_id)
    authors = {}
    for article_pk, revision_ids in bylines.items():
        authors[article_pk] = authors_by_revision(article_pk, revision_ids)
    return [
        {**version.field_dict, "authors": authors[int(version.object_id)][version.revision_id]}
        for version in versions
    ]


def version_state(version):
    """An article version's ``field_dict`` plus "authors" (its byline, author ids in order)."""
    return version_states([version])[0]


def list_change_html(old, new):
    """"old list → new list"; names in only one of them marked as deleted / added."""

    def side(names, others, tag, css_class, label):
        if not names:
            return "—"
        parts = [escape(name) if name in others else _marked(tag, css_class, label, [name]) for name in names]
        return mark_safe(LIST_SEPARATOR.join(parts))  # noqa: S308 - every part is escaped

    return format_html(
        '<span class="list-old">{}</span> → <span class="list-new">{}</span>',
        side(old, set(new), "del", "diff-del", _("[deleted: ")),
        side(new, set(old), "ins", "diff-ins", _("[added: ")),
    )


@dataclass(frozen=True)
class DiffRow:
    field: str
    label: str
    lang: str | None
    language_label: str
    html: SafeString


def _language_label(lang):
    return str(dict(settings.LANGUAGES).get(lang, lang)) if lang else "—"


def _field_label(name):
    return str(Article._meta.get_field(name).verbose_name)


def reference_lines(field_dict, lang, library):
    """The reference list readers of that revision saw in ``lang``: "N. key — title" lines.

    Titles come from ``library`` (the CURRENT reference library, see the module docstring).
    """
    keys = cited_keys(_text(field_dict, "summary", lang), _text(field_dict, "body", lang))
    lines = []
    for number, key in enumerate(keys, start=1):
        ref = library.get(key)
        title = ref.title if ref is not None else _("(no longer in the reference library)")
        lines.append(f"{number}. {key} — {title}")
    return lines


def _cited_keys_of(field_dicts):
    keys = set()
    for field_dict in field_dicts:
        for lang in LANGUAGE_CODES:
            keys.update(cited_keys(_text(field_dict, "summary", lang), _text(field_dict, "body", lang)))
    return keys


def _topic_names(pks, names):
    return ", ".join(sorted(names.get(pk, f"#{pk}") for pk in pks))


def compare_field_dicts(old, new):
    """Rows (field, language, diff HTML) for everything that differs, plus the reference lists."""
    rows = []
    topic_names, author_names = {}, {}
    changes = changed_fields(old, new)
    if ("topics", None) in changes:
        pks = set(_plain(old, "topics")) | set(_plain(new, "topics"))
        topic_names = {t.pk: str(t) for t in Topic.objects.filter(pk__in=pks)}
    if ("authors", None) in changes:
        pks = set(_plain(old, "authors")) | set(_plain(new, "authors"))
        author_names = dict(Author.objects.filter(pk__in=pks).values_list("pk", "name"))
    for name, lang in changes:
        if lang is not None:
            differ = folded_diff_html if name in FOLDED_FIELDS else diff_html
            html = differ(_text(old, name, lang), _text(new, name, lang))
        elif name == "topics":
            before, after = (_topic_names(_plain(d, name), topic_names) for d in (old, new))
            html = diff_html(before, after)
        elif name == "authors":
            html = list_change_html(
                [author_names.get(pk, f"#{pk}") for pk in _plain(old, name)],
                [author_names.get(pk, f"#{pk}") for pk in _plain(new, name)],
            )
        else:
            html = diff_html(str(old.get(name) or ""), str(new.get(name) or ""))
        rows.append(DiffRow(name, _field_label(name), lang, _language_label(lang), html))

    keys = _cited_keys_of([old, new])
    library = {ref.key: ref for ref in Reference.objects.filter(key__in=keys)} if keys else {}
    for lang in LANGUAGE_CODES:
        before = "\n".join(reference_lines(old, lang, library))
        after = "\n".join(reference_lines(new, lang, library))
        if before != after:
            rows.append(
                DiffRow("references", _("references"), lang, _language_label(lang), diff_html(before, after))
            )
    return rows


def compare_versions(version_a, version_b):
    """Rows for every field that differs between two versions of an article (a = older)."""
    return compare_field_dicts(*version_states([version_a, version_b]))


# --- preview of one revision -------------------------------------------------------------


def article_from_version(version):
    """An unsaved Article holding the revision's own fields (no relations: never save it)."""
    names = {f.attname for f in Article._meta.concrete_fields}
    return Article(**{key: value for key, value in version.field_dict.items() if key in names})


@dataclass
class RevisionPreview:
    lang: str  # the language asked for
    content_lang: str  # the language shown (another one if the revision had no such version)
    persona: Persona | None
    title: str
    summary_html: SafeString
    plain_summary_html: SafeString
    body_html: SafeString
    references: list  # (number, Reference, vancouver HTML)
    missing_keys: list
    render_failed: bool

    @property
    def is_fallback(self):
        return self.content_lang != self.lang


def build_revision_preview(version, *, lang, persona, personas):
    """The revision's text as a reader with ``persona`` would have seen it in ``lang``.

    Uses the current reference library and glossary (a revision stores neither).
    """
    from ..public.page import content_language, plain_paragraphs_html, render_for_reader

    article = article_from_version(version)
    content_lang = content_language(article, lang)
    text = render_for_reader(
        article, content_lang, persona=persona, persona_codes=[p.code for p in personas], use_cache=False
    )
    cited = text.references
    lay_reader = persona is None or persona.is_lay
    plain = article.text("plain_summary", content_lang) if lay_reader else ""
    with override(lang):
        references = [(number, ref, vancouver_html(ref)) for number, ref in enumerate(cited, start=1)]
    return RevisionPreview(
        lang=lang,
        content_lang=content_lang,
        persona=persona,
        title=article.text("title", content_lang) or article.slug or "",
        summary_html=text.summary_html,
        plain_summary_html=plain_paragraphs_html(plain) if plain else mark_safe(""),
        body_html=text.body_html,
        references=references,
        missing_keys=[key for key in text.keys if key not in text.library],
        render_failed=text.failed,
    )
