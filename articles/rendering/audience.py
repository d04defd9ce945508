"""Pandoc fenced divs for markdown-it, used for audience blocks.

    ::: {audience="patient caregiver"}
    Text only patients and caregivers see.
    :::

The block rule only marks the fence lines: ``fenced_div_open`` (``meta["audience"]``: the
persona codes, or None for a div without an audience attribute), ``fenced_div_close`` and
``fenced_div_malformed``, all with nesting 0. Matching opens with closes is done afterwards
(``block_problems``), as Pandoc does: fenced divs nest and any bare ``:::`` line closes the
innermost open one, which markdown-it's container plugin cannot express. ``select_blocks``
then keeps what one persona sees and turns the markers into real ``<div>`` tokens.

A div with no audience attribute (``::: note``, ``::: {.box}``) shows to everyone as a
plain ``<div>``; its classes and other attributes are dropped.
"""

import re
from collections.abc import Collection

from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

_FENCE_RE = re.compile(r":{3,}(.*)$")
_TRAILING_COLONS_RE = re.compile(r"\s:{3,}$")
_CLASS_SHORTHAND_RE = re.compile(r"[\w-]+$")
# One Pandoc attribute: #id, .class, key=value, key="value" or key='value'.
_ATTRIBUTE_RE = re.compile(r"""\s*(?:[#.][\w-]+|([\w-]+)=("[^"]*"|'[^']*'|[^\s"'{}]+))\s*""")


def parse_attributes(text: str) -> dict[str, str] | None:
    """The key=value attributes of a ``{...}`` attribute block; None if it is malformed."""
    if not (text.startswith("{") and text.endswith("}")):
        return None
    inner, pos, attrs = text[1:-1], 0, {}
    while pos < len(inner):
        match = _ATTRIBUTE_RE.match(inner, pos)
        if not match or match.end() == pos:
            return None
        if match.group(1):
            value = match.group(2)
            attrs[match.group(1)] = value[1:-1] if value[0] in "\"'" else value
        pos = match.end()
    return attrs


def _fenced_div_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.is_code_block(start_line):
        return False
    line = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
    match = _FENCE_RE.match(line)
    if not match:
        return False
    if silent:
        return True
    rest = _TRAILING_COLONS_RE.sub("", match.group(1).strip()).strip()
    if not rest:
        token = state.push("fenced_div_close", "", 0)
    elif _CLASS_SHORTHAND_RE.match(rest):
        token = state.push("fenced_div_open", "", 0)
        token.meta = {"audience": None}
    elif (attrs := parse_attributes(rest)) is not None:
        token = state.push("fenced_div_open", "", 0)
        audience = attrs.get("audience")
        token.meta = {"audience": None if audience is None else re.split(r"[\s,]+", audience.strip())}
    else:
        token = state.push("fenced_div_malformed", "", 0)
    token.content = line
    token.block = True
    token.map = [start_line, start_line + 1]
    state.line = start_line + 1
    return True


def audience_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before(
        "fence", "fenced_div", _fenced_div_rule, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )


def _open_label(token: Token) -> str:
    return _("audience block") if token.meta["audience"] is not None else _("fenced div")


def block_problems(tokens: list[Token], personas: Collection[str]) -> list[tuple[int, str]]:
    """(0-based line, message) for unknown personas and fences that do not pair up.

    An open and its close must be siblings: when the container holding an open block
    (a list item, a blockquote) ends first, the block is never closed.
    """
    problems = []

    def never_closed(token):
        line = token.map[0]
        problems.append(
            (
                line,
                _("%(block)s opened on line %(line)d is never closed")
                % {"block": _open_label(token), "line": line + 1},
            )
        )

    stack: list[Token] = []
    for token in tokens:
        while stack and token.level < stack[-1].level:
            never_closed(stack.pop())
        line = token.map[0] if token.map else 0
        if token.type == "fenced_div_malformed":
            problems.append(
                (
                    line,
                    _('malformed fenced div "%(text)s": write ::: {audience="patient caregiver"}')
                    % {"text": token.content},
                )
            )
        elif token.type == "fenced_div_open":
            stack.append(token)
            audience = token.meta["audience"]
            if audience is not None and not any(audience):
                problems.append((line, _("audience block names no persona")))
            for code in audience or ():
                if code and code not in personas:
                    problems.append(
                        (line, _('unknown persona "%(code)s" in audience block') % {"code": code})
                    )
        elif token.type == "fenced_div_close":
            if stack and stack[-1].level == token.level:
                stack.pop()
            else:
                problems.append(
                    (line, _('closing ":::" on line %(line)d has no open block') % {"line": line + 1})
                )
    for token in reversed(stack):
        never_closed(token)
    return problems


def _div(token: Token, nesting: int, attrs: dict[str, str]) -> Token:
    div = Token(token.type, "div", nesting, attrs=attrs, map=token.map, level=token.level, block=True)
    return div


def select_blocks(tokens: list[Token], persona: str | None) -> list[Token]:
    """The tokens one persona sees; persona None shows every block, labelled with its audience.

    A block nested in another shows only if both apply. Expects ``block_problems`` to
    have found nothing.
    """
    selected: list[Token] = []
    visible_stack: list[bool] = []
    for token in tokens:
        parent_visible = visible_stack[-1] if visible_stack else True
        if token.type == "fenced_div_open":
            audience = token.meta["audience"]
            visible = parent_visible and (persona is None or audience is None or persona in audience)
            visible_stack.append(visible)
            if visible:
                attrs = {}
                if audience is not None:
                    attrs["class"] = "audience"
                    if persona is None:
                        attrs["data-audience"] = " ".join(audience)
                selected.append(_div(token, 1, attrs))
        elif token.type == "fenced_div_close":
            if visible_stack.pop():
                selected.append(_div(token, -1, {}))
        elif parent_visible:
            selected.append(token)
    return selected
