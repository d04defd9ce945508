"""Pandoc citations for markdown-it: ``[@key]`` and ``[@key1; @key2]``.

The inline rule turns a bracketed citation into one ``citation`` token (``meta["keys"]``,
``meta["offset"]``: where it starts in the inline source, for line numbers). Numbering is
done after parsing (see ``number_citations``) because it depends on which audience blocks
are shown; the renderer then reads the numbers from ``env["citation_numbers"]``.

Only the two Pandoc forms above are supported. A bracket that opens with ``@`` but is not
one of them (``[@a, @b]``, ``[@a, p. 3]``) is reported as a problem rather than shown as
literal text, because it is almost always a mistyped citation.
"""

import re
from collections.abc import Iterable, Iterator

from django.utils.html import escape
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from references.models import CITATION_KEY_RE

# "[" then "@" or "-@", up to the next "]"; excluding "[" keeps scanning linear on junk input.
_BRACKET_RE = re.compile(r"\[(\s*-?@[^\[\]]*)\]")


def _parse_keys(content: str) -> list[str] | None:
    keys = []
    for part in content.split(";"):
        part = part.strip()
        if not part.startswith("@") or not CITATION_KEY_RE.match(part[1:]):
            return None
        keys.append(part[1:])
    return keys


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[" or state.linkLevel > 0:
        return False
    match = _BRACKET_RE.match(state.src, state.pos, state.posMax)
    if not match:
        return False
    # [@key](url) is a link whose text happens to start with "@".
    if match.end() < state.posMax and state.src[match.end()] in "([":
        return False
    if not silent:
        keys = _parse_keys(match.group(1))
        token = state.push("citation", "", 0)
        token.content = match.group(0)
        token.meta = {"keys": keys or [], "offset": state.pos, "malformed": keys is None}
    state.pos = match.end()
    return True


def _render_citation(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    numbers = env.get("citation_numbers", {})
    # An id for each place a number is cited, so the reference list can link back to each:
    # cite-N for the first, cite-N-2, cite-N-3, ... for the next (see citation_anchors).
    times_cited = env.setdefault("citation_back_links", {})
    links = []
    for number in sorted({numbers[key] for key in token.meta["keys"] if key in numbers}):
        times_cited[number] = times_cited.get(number, 0) + 1
        links.append(f'<a href="#ref-{number}" id="{citation_anchor(number, times_cited[number])}">{number}</a>')
    if not links:
        return escape(token.content)
    return f'<sup class="citation">{", ".join(links)}</sup>'


def citation_anchor(number: int, place: int) -> str:
    """The id of the place-th citation of source number ``number`` (1-based)."""
    return f"cite-{number}" if place == 1 else f"cite-{number}-{place}"


_ANCHOR_RE = re.compile(r'\bid="cite-(\d+)(?:-(\d+))?"')


def citation_anchors(*html: str) -> dict[int, list[str]]:
    """Source number -> the ids of the places it is cited in rendered text, in reading order."""
    anchors: dict[int, list[str]] = {}
    for text in html:
        for match in _ANCHOR_RE.finditer(text):
            anchors.setdefault(int(match.group(1)), []).append(match.group(0)[4:-1])
    return anchors


def citations_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.add_render_rule("citation", _render_citation)


def iter_citations(tokens: Iterable[Token]) -> Iterator[tuple[Token, int]]:
    """Each citation token with its 0-based line, in reading order.

    The line is the enclosing block's first line plus the newlines before the citation
    in the block's inline source.
    """
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        first_line = token.map[0] if token.map else 0
        for child in token.children:
            if child.type == "citation":
                yield child, first_line + token.content.count("\n", 0, child.meta["offset"])


def citation_problems(tokens: Iterable[Token], known_keys) -> list[tuple[int, str]]:
    """(0-based line, message) for every malformed citation and unknown key."""
    problems = []
    for citation, line in iter_citations(tokens):
        if citation.meta["malformed"]:
            problems.append(
                (
                    line,
                    _('malformed citation "%(text)s": write [@key] or [@key1; @key2]')
                    % {"text": citation.content},
                )
            )
        for key in citation.meta["keys"]:
            if key not in known_keys:
                problems.append((line, _('unknown citation key "%(key)s"') % {"key": key}))
    return problems


def number_citations(*token_streams: Iterable[Token]) -> list[str]:
    """Keys in order of first citation across the streams (summary first, then body)."""
    order: dict[str, None] = {}
    for tokens in token_streams:
        for citation, _line in iter_citations(tokens):
            for key in citation.meta["keys"]:
                order.setdefault(key, None)
    return list(order)


def cited_keys(summary: str, body: str) -> list[str]:
    """Every key the text cites, in first-citation order, whatever the audience blocks."""
    from articles.rendering.markdown import (
        parse,  # here, not at the top: rendering/markdown.py imports this module
    )

    summary_tokens, body_tokens = parse(summary or "", body or "")
    return number_citations(summary_tokens, body_tokens)
