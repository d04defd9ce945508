"""Three-way merge of an article's fields: keep both editors' changes when they do not overlap.

``base`` is the state an editor started from, ``theirs`` what is stored now (someone else
saved meanwhile), ``mine`` what the editor submitted. Field by field: a field only one side
changed takes that side's value; a text field both changed is merged by paragraphs (blocks
separated by blank lines), or by lines when none of the three versions has a blank line (a
one-paragraph summary, a list). A paragraph (or line) both changed differently, or new ones
both added at the same place, is a conflict: that field is not merged. Other fields (status,
slug, topics) changed differently by both are conflicts too.

Line endings are normalised (browsers send CRLF) and a text's leading and trailing
whitespace is ignored (form fields strip it), so neither creates a conflict. A merged text
separates its paragraphs by exactly one blank line.

Plain functions on dicts shaped like ``Version.field_dict``; no database access.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.text import normalize_newlines

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def normalise(value):
    """The value as compared and merged: text with LF line endings and no outer whitespace,
    lists (topics) sorted."""
    if value is None or isinstance(value, str):
        return normalize_newlines(value or "").strip()
    if isinstance(value, list | tuple):
        return sorted(value)
    return value


@dataclass
class Merged:
    values: dict  # field -> merged (normalised) value, for every field merged without conflict
    conflicts: list = field(default_factory=list)  # fields both changed in overlapping ways

    @property
    def clean(self):
        return not self.conflicts


def merge_states(base, theirs, mine):
    """Three-way merge of the fields of ``mine`` (dicts of field values)."""
    merged = Merged(values={})
    for name, my_value in mine.items():
        value = merge_value(base.get(name), theirs.get(name), my_value)
        if value is None:
            merged.conflicts.append(name)
        else:
            merged.values[name] = value
    return merged


def merge_value(base, theirs, mine):
    """The merged value of one field, or None if both sides changed it in overlapping ways."""
    base, theirs, mine = normalise(base), normalise(theirs), normalise(mine)
    if theirs in (mine, base):
        return mine
    if mine == base:
        return theirs
    if isinstance(mine, str) and isinstance(theirs, str) and isinstance(base, str):
        return merge_text(base, theirs, mine)
    return None


def merge_text(base, theirs, mine):
    """The merged text, or None on a conflict (see the module docstring)."""
    base, theirs, mine = normalise(base), normalise(theirs), normalise(mine)
    texts = (base, theirs, mine)
    separator = "\n\n" if any(_BLANK_LINES.search(text) for text in texts) else "\n"
    units = merge_units(*(_units(text, separator) for text in texts))
    return None if units is None else separator.join(units)


def _units(text, separator):
    if not text:
        return []
    return _BLANK_LINES.split(text) if separator == "\n\n" else text.split("\n")


def _changes(base, other):
    """(start, end, replacement) for each stretch of ``base`` that ``other`` changed."""
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, tuple(other[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"
    ]


def merge_units(base, theirs, mine):
    """Three-way merge of sequences of units (paragraphs or lines); None on a conflict.

    Each side's changes are stretches of ``base`` replaced (an insertion is an empty
    stretch). The same change made by both counts once. Changes to stretches that overlap,
    or two different insertions at the same place, conflict; all others are applied.
    """
    changes = sorted(set(_changes(base, theirs)) | set(_changes(base, mine)))
    previous_end, previous = 0, None
    for change in changes:
        start, end, _replacement = change
        both_insert_here = previous is not None and start == end == previous[0] == previous[1]
        if start < previous_end or both_insert_here:
            return None
        previous_end, previous = max(previous_end, end), change
    merged, position = [], 0
    for start, end, replacement in changes:
        merged += base[position:start]
        merged += replacement
        position = end
    merged += base[position:]
    return merged
