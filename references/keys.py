"""Citation keys for new references: the first author's family name and the year
(``smith2024``), as the library's keys are written; a letter after the year when the key is
taken (``smith2024a``, ``smith2024b``, ...), as reference managers do."""

import re
import unicodedata
from string import ascii_lowercase

from .models import CITATION_KEY_RE, Reference

_NOT_KEY_RE = re.compile(r"[^\w]+")
MAX_BASE = 60


def _name_part(authors):
    for author in authors or []:
        if not isinstance(author, dict):
            continue
        name = author.get("family") or author.get("literal") or ""
        # Particles and spaces go ("van der Berg" -> "vanderberg"); letters of any script stay.
        words = name.split()
        if author.get("literal") and words:
            name = words[0]  # "World Health Organization" -> "world"
        folded = unicodedata.normalize("NFC", name).casefold()
        part = _NOT_KEY_RE.sub("", folded).replace("_", "")
        if part:
            return part[:MAX_BASE]
    return ""


def key_base(fields):
    """``smith2024`` for the field values of a reference (authors, issued_year)."""
    name = _name_part(fields.get("authors")) or "ref"
    year = fields.get("issued_year")
    base = f"{name}{year if year and int(year) > 0 else ''}"
    return base if CITATION_KEY_RE.match(base) else "ref"


def suggest_key(fields):
    """A citation key that no reference has yet (one query)."""
    base = key_base(fields)
    taken = {key.casefold() for key in Reference.objects.filter(key__istartswith=base).values_list("key", flat=True)}
    if base.casefold() not in taken:
        return base
    for letter in ascii_lowercase:
        if f"{base}{letter}".casefold() not in taken:
            return f"{base}{letter}"
    n = 2
    while f"{base}-{n}".casefold() in taken:
        n += 1
    return f"{base}-{n}"
