"""CSL rich text in titles: the few HTML-like tags CSL-JSON defines, shown as such, and nothing else.

CSL-JSON titles may hold ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<span
style="font-variant:small-caps;">`` and ``<span class="nocase">`` (species names in italics are
the common case). The library keeps the title as given (exports write it back unchanged);
pages show it through :func:`rich_html`, and machine-readable data (JSON-LD) and plain-text
places through :func:`plain_text`.
"""

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {"i", "b", "sup", "sub", "span"}
# CSL's small caps come as a style; the page gets a class for it instead (no inline styles).
SPAN_CLASSES = {"nocase", "small-caps"}
_SMALL_CAPS_STYLE_RE = re.compile(
    r"""(<span\b[^>]*?)\sstyle\s*=\s*(["'])\s*font-variant\s*:\s*small-caps\s*;?\s*\2""", re.IGNORECASE
)


def rich_html(text: str) -> SafeString:
    """Safe HTML of a CSL rich-text value: the CSL tags kept, everything else escaped or dropped."""
    if not text:
        return mark_safe("")
    text = _SMALL_CAPS_STYLE_RE.sub(r'\1 class="small-caps"', text)
    cleaned = nh3.clean(
        text,
        tags=TAGS,
        attributes={},  # allowed_classes alone admits class on span (ammonia refuses both)
        allowed_classes={"span": SPAN_CLASSES},
        link_rel=None,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitized by nh3 with the tags above only


def plain_text(text: str) -> str:
    """The words of a CSL rich-text value without any markup (for JSON-LD, admin lists, ...)."""
    if not text:
        return ""
    return html.unescape(nh3.clean(text, tags=set(), link_rel=None))
