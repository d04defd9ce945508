"""Checks of imported text that the parsers and the database would otherwise fail on with a
traceback: characters no database text can hold, JSON nested or numbered beyond what Python
reads, and line endings (every imported string is stored with LF only).

Used by references.csl (CSL-JSON) and articles.files.fileformat (article files).
"""

import math
import re
import sys

from django.utils.translation import gettext as _

# Deeper than any CSL-JSON item (item > issued > date-parts > [[2025, 3]] is four levels).
MAX_JSON_DEPTH = 50

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def normalize_newlines(value):
    """``value`` with CRLF and lone CR turned into LF in every string, at any depth."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, list):
        return [normalize_newlines(element) for element in value]
    if isinstance(value, dict):
        return {normalize_newlines(key): normalize_newlines(element) for key, element in value.items()}
    return value


def text_problem(value, name):
    """Why ``value`` (a string, or lists and dicts holding strings) cannot be stored, or None.

    PostgreSQL text and jsonb cannot hold NUL, and no database can store half of a UTF-16
    surrogate pair (JSON and YAML escapes such as \\ud800 make one).
    """
    pending = [value]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            if "\x00" in value:
                return _("%(name)s contains a NUL character (U+0000), which text cannot hold.") % {"name": name}
            surrogate = _SURROGATE_RE.search(value)
            if surrogate:
                return _("%(name)s contains U+%(code)s, half of a UTF-16 surrogate pair, which is not a character.") % {
                    "name": name,
                    "code": f"{ord(surrogate.group()):04X}",
                }
    return None


def nul_byte_problem(data):
    """(line, message) of the first NUL byte in a file's bytes, or None."""
    position = data.find(b"\x00")
    if position < 0:
        return None
    return (
        data[:position].count(b"\n") + 1,
        _("the file contains a NUL byte (0x00), which text cannot hold; is it UTF-16? Save it as UTF-8."),
    )


# A JSON string, a bracket, or a bare word or number (outside strings).
_JSON_TOKEN_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|-?[A-Za-z]+|-?[0-9][0-9.eE+-]*')


def json_problem(text):
    """(line, message) of the first thing in JSON text that Python cannot read or a database
    cannot store: nesting deeper than MAX_JSON_DEPTH, NaN or Infinity, a number too large."""
    depth = 0
    for match in _JSON_TOKEN_RE.finditer(text):
        token = match.group()
        message = None
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                message = _(
                    "the JSON is nested more than %(max_depth)s levels deep; CSL-JSON items are never that deep."
                ) % {"max_depth": MAX_JSON_DEPTH}
        elif token in ("]", "}"):
            depth -= 1
        elif token.lstrip("-") in ("NaN", "Infinity"):
            message = _("%(value)s is not a JSON number.") % {"value": token}
        elif token.lstrip("-")[:1].isdigit():
            message = _number_problem(token)
        if message:
            return text.count("\n", 0, match.start()) + 1, message
    return None


def _number_problem(token):
    digits = token.lstrip("-")
    if digits.isdigit():
        limit = sys.get_int_max_str_digits()  # 0: no limit
        if limit and len(digits) > limit:
            return _("a number with %(digits)s digits is too long.") % {"digits": len(digits)}
        return None
    try:
        number = float(token)
    except ValueError:
        return None  # not a number: the JSON parser says what is wrong
    if not math.isfinite(number):
        return _("the number %(value)s is too large.") % {"value": token}
    return None
