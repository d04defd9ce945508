"""Author lists that name only some of the authors ("et al.").

CSL-JSON has no variable for this (citation-style-language/schema issue 34 is still open).
The conventions in use put one pseudo-name last in the ``author`` list:

- ``{"literal": "others"}``: what Pandoc makes of BibTeX's ``and others``; its citeproc
  prints a final "others" as "et al." (jgm/citeproc issues 61 and 102).
- ``{"literal": "et al."}``: what people write for citeproc-js (Zotero, Mendeley), which has
  no special case and prints a literal name as it is, so that it reads "et al." there too.
- ``{"family": "others"}``: the same from tools that put a single name in ``family``.

The library keeps only real names in ``Reference.authors`` and the fact that more exist in
``Reference.authors_incomplete``, so that nothing that lists names (the Vancouver text, the
JSON-LD, BibTeX, RIS) ever shows the marker as a person. An import reads any of the markers
above as the last name; an export writes ``{"literal": "et al."}`` (printed right by every
CSL processor), or the spelling the item came in with when it was imported (csl_source).
"""

import re

from django.utils.translation import gettext as _

# What an export appends to the author list of an incomplete one.
MARKER = {"literal": "et al."}

_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_MARKER_WORDS = {"others", "and others", "et al", "et. al", "et alii", "等"}


def _words(value):
    return " ".join(value.split()).lower().rstrip(".").strip() if isinstance(value, str) else ""


def is_marker(name):
    """Whether a CSL name is an "et al." marker rather than a person or an organisation."""
    if not isinstance(name, dict):
        return False
    parts = {key: value for key, value in name.items() if value not in ("", None)}
    if set(parts) == {"literal"}:
        return _words(parts["literal"]) in _MARKER_WORDS
    if set(parts) == {"family"}:
        return _words(parts["family"]) in _MARKER_WORDS
    return False


def split_marker(names):
    """(names without the final marker, whether there was one, a problem or None).

    Only the last name may be a marker, and some real name must come before it."""
    names = list(names)
    incomplete = bool(names) and is_marker(names[-1])
    if incomplete:
        names = names[:-1]
    if any(is_marker(name) for name in names):
        return names, incomplete, _("“et al.” (or “others”) can only be the last name of the author list.")
    if incomplete and not names:
        return names, incomplete, _("“et al.” (or “others”) needs at least one author named before it.")
    return names, incomplete, None


def with_marker(names, incomplete):
    """The CSL author list of names, with the marker last when the list is incomplete."""
    names = list(names or [])
    return [*names, dict(MARKER)] if incomplete and names else names


def schema_org_names(names):
    """schema.org Person / Organization objects of CSL names, real names only (never a
    marker): "Anna Smith", "Ludwig van Beethoven", an organisation's literal name."""
    people = []
    for name in names or []:
        if not isinstance(name, dict) or is_marker(name):
            continue
        if isinstance(name.get("literal"), str) and name["literal"].strip():
            people.append({"@type": "Organization", "name": name["literal"].strip()})
            continue
        family = " ".join(
            part.strip()
            for part in (name.get("non-dropping-particle"), name.get("family"))
            if isinstance(part, str) and part.strip()
        )
        given = " ".join(
            part.strip()
            for part in (name.get("given"), name.get("dropping-particle"))
            if isinstance(part, str) and part.strip()
        )
        if _CJK_RE.search(family + given):
            full = family + given  # Chinese, Japanese, Korean: family name first, no space
        else:
            full = " ".join(part for part in (given, family) if part)
        if not full:
            continue
        person = {"@type": "Person", "name": full}
        if family:
            person["familyName"] = family
        if given:
            person["givenName"] = given
        people.append(person)
    return people
