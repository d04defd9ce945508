"""One text, one spelling: the form in which translated text is stored and compared.

Browsers submit textareas with CRLF line endings, files and scripts write LF, editors leave
blank lines or spaces at either end. None of that is visible to readers, so text is stored
with LF line endings, without blank lines before it and without whitespace after it, and two
texts that differ only in that are the same text. Whitespace inside the text is kept as it is:
two spaces at the end of a line are a Markdown hard break, and indentation has meaning too.
"""

from django.utils.text import normalize_newlines


def normalize_text(value):
    """``value`` as stored: LF line endings, no leading blank lines, no trailing whitespace."""
    if not value:
        return value
    lines = normalize_newlines(value).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines).rstrip()


def same_text(a, b):
    """True if ``a`` and ``b`` differ at most in what normalize_text removes (None is "")."""
    return normalize_text(a or "") == normalize_text(b or "")
