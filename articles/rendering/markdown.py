"""Article text (Markdown with citations and audience blocks) to safe HTML.

The syntax is that of ``docs/article-format.md``: CommonMark plus GFM tables and
strikethrough, Pandoc citations ``[@key]`` / ``[@a; @b]`` and Pandoc fenced divs
``::: {audience="patient caregiver"}`` ... ``:::``. Raw HTML is shown as text and images are
not embedded (``![alt](url)`` stays a plain link), and the result is sanitised.

Public API:

``render_article(summary, body, *, persona, library, personas) -> Rendered``
    ``library`` maps citation key -> reference object; ``personas`` are the valid persona
    codes. ``persona=None`` is the editors' view: every audience block is shown, as
    ``<div class="audience" data-audience="patient caregiver">``. With a persona code only the
    blocks for it are shown (``<div class="audience">``) and hidden blocks neither number
    citations nor appear in the table of contents. Raises ``MarkdownError`` listing every
    problem in the text, whichever persona is asked for.
    ``glossary`` (optional) is a list of ``articles.rendering.glossary.Entry``: the first use of each
    term in the text shown gets its lay explanation beside it (callers pass it for lay personas).
``check_article(summary, body, *, library_keys, personas) -> list[Problem]``
    The same checks without rendering; an empty list means the text renders.

Citations are numbered by first citation, summary first, then body. ``Rendered.references``
lists the cited objects in number order (number = index + 1); the page template renders them
with ids ``ref-N``. Each citation carries an id to link back to: ``cite-N`` for the first of number N, then ``cite-N-2``, ...
HTML strings are marked safe: they are sanitised here.
"""

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext
from markdown_it import MarkdownIt
from markdown_it.token import Token

from articles.rendering.audience import audience_plugin, block_problems, select_blocks
from articles.rendering.citations import citation_problems, citations_plugin, number_citations
from articles.rendering.glossary import Entry as GlossaryEntry
from articles.rendering.glossary import GlossaryMatcher, mark_glossary_terms
from articles.rendering.sanitize import sanitize_html

TOC_LEVELS = (2, 3)


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Problem:
    field: str  # "summary" or "body"
    line: int  # 1-based, within that field's text
    message: str

    def __str__(self):
        return gettext("%(field)s, line %(line)s: %(message)s") % {
            "field": self.field,
            "line": self.line,
            "message": self.message,
        }


class MarkdownError(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Rendered:
    summary_html: str  # inline HTML, no wrapping <p>
    body_html: str
    references: list  # the library objects cited, in number order
    toc: list[TocEntry]


_md = (
    MarkdownIt("commonmark", {"html": False, "xhtmlOut": False})
    .enable(["table", "strikethrough"])
    .disable("image")
)
citations_plugin(_md)
audience_plugin(_md)


def parse(summary: str, body: str) -> tuple[list[Token], list[Token]]:
    """Token streams of the summary (inline Markdown) and the body, all audience blocks kept."""
    return _md.parseInline(summary, {}), _md.parse(body, {})


def _problems(summary_tokens, body_tokens, known_keys, personas) -> list[Problem]:
    found = [Problem("summary", line + 1, msg) for line, msg in citation_problems(summary_tokens, known_keys)]
    body = block_problems(body_tokens, personas) + citation_problems(body_tokens, known_keys)
    found += [Problem("body", line + 1, msg) for line, msg in sorted(body, key=lambda p: p[0])]
    return found


def check_article(
    summary: str, body: str, *, library_keys: Collection[str], personas: Collection[str]
) -> list[Problem]:
    summary_tokens, body_tokens = parse(summary, body)
    return _problems(summary_tokens, body_tokens, set(library_keys), set(personas))


def render_article(
    summary: str,
    body: str,
    *,
    persona: str | None,
    library: Mapping[str, Any],
    personas: Collection[str],
    glossary: Sequence[GlossaryEntry] = (),
) -> Rendered:
    summary_tokens, body_tokens = parse(summary, body)
    problems = _problems(summary_tokens, body_tokens, library, set(personas))
    if problems:
        raise MarkdownError(problems)
    body_tokens = select_blocks(body_tokens, persona)
    keys = number_citations(summary_tokens, body_tokens)
    toc = _add_heading_ids(body_tokens)
    if glossary:
        matcher = GlossaryMatcher(list(glossary))
        mark_glossary_terms(summary_tokens, matcher)
        mark_glossary_terms(body_tokens, matcher)
    env = {"citation_numbers": {key: number for number, key in enumerate(keys, start=1)}}
    return Rendered(
        summary_html=SafeString(sanitize_html(_md.renderer.render(summary_tokens, _md.options, env))),
        body_html=SafeString(sanitize_html(_md.renderer.render(body_tokens, _md.options, env))),
        references=[library[key] for key in keys],
        toc=toc,
    )


# Ids the page template gives the reference list and the citations link back to.
_RESERVED_ID_RE = re.compile(r"^(ref|cite|gloss)-\w+$")


def slugify_heading(text: str) -> str:
    """An id that keeps letters of any script (Chinese headings stay readable in the URL)."""
    slug = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[\s_-]+", "-", slug).strip("-") or "section"


def _heading_text(inline: Token) -> str:
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _add_heading_ids(tokens: list[Token]) -> list[TocEntry]:
    toc, used = [], set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or int(token.tag[1]) not in TOC_LEVELS:
            continue
        text = _heading_text(tokens[index + 1])
        base = slug = slugify_heading(text)
        suffix = 1
        while slug in used or _RESERVED_ID_RE.match(slug):
            suffix += 1
            slug = f"{base}-{suffix}"
        used.add(slug)
        token.attrSet("id", slug)
        toc.append(TocEntry(level=int(token.tag[1]), id=slug, text=text))
    return toc
