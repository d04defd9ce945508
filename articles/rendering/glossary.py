"""Glossary terms explained at their first use, for lay readers.

`GlossaryMatcher` finds the first occurrence of each term in a run of texts (the summary,
then the body): whole words in any case for Latin script, plain substrings for Chinese
(which has no spaces between words). Where terms overlap, the longest one at a position
wins ("knee osteoarthritis" over "osteoarthritis").

`mark_glossary_terms` applies it to a markdown-it token stream, leaving headings, links and code
alone, and renders each first use as a <dfn> followed by its explanation in visible text
that screen readers reach through aria-describedby.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from markdown_it.token import Token

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Entry:
    key: str  # identifies the term (its pk); each term is explained once per article
    forms: tuple[str, ...]
    explanation: str


@dataclass
class GlossaryMatcher:
    entries: list[Entry]
    seen: set = field(default_factory=set)

    def __post_init__(self):
        self._by_form = {}
        patterns = []
        forms = sorted(
            {(form, entry.key) for entry in self.entries for form in entry.forms},
            key=lambda item: -len(item[0]),
        )
        for form, key in forms:
            self._by_form.setdefault(form.casefold(), key)
            escaped = re.escape(form)
            patterns.append(escaped if CJK_RE.search(form) else rf"(?<!\w){escaped}(?!\w)")
        self._explanations = {entry.key: entry.explanation for entry in self.entries}
        self._pattern = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None

    def split(self, text):
        """Yield plain strings and (matched text, key, explanation) for first uses."""
        if self._pattern is None or len(self.seen) == len(self.entries):
            yield text
            return
        position = 0
        for match in self._pattern.finditer(text):
            key = self._by_form[match.group(0).casefold()]
            if key in self.seen:
                continue
            self.seen.add(key)
            if match.start() > position:
                yield text[position : match.start()]
            yield (match.group(0), key, self._explanations[key])
            position = match.end()
        if position < len(text):
            yield text[position:]


def _dfn_html(matched, key, explanation):
    note_id = f"gloss-{escape(key)}"
    return (
        f'<dfn class="glossary-term" aria-describedby="{note_id}">{escape(matched)}</dfn>'
        f'<span class="glossary-note" id="{note_id}"> ({escape(explanation)})</span>'
    )


def mark_glossary_terms(tokens, matcher):
    """Mark first uses in a markdown-it token stream, in place; headings are left alone."""
    in_heading = False
    for block in tokens:
        if block.type == "heading_open":
            in_heading = True
        elif block.type == "heading_close":
            in_heading = False
        elif block.type == "inline" and not in_heading and block.children:
            block.children = _mark_children(block.children, matcher)


def _mark_children(children, matcher):
    result = []
    link_depth = 0
    for token in children:
        if token.type == "link_open":
            link_depth += 1
        elif token.type == "link_close":
            link_depth -= 1
        # Only plain text: code spans, links, citations and line breaks are other token types.
        if token.type != "text" or link_depth:
            result.append(token)
            continue
        for piece in matcher.split(token.content):
            if isinstance(piece, str):
                text = Token("text", "", 0)
                text.content = piece
                result.append(text)
            else:
                html = Token("html_inline", "", 0)
                html.content = _dfn_html(*piece)
                result.append(html)
    return result
