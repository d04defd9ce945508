"""The last line of defence: only these tags, attributes and link targets reach a reader.

The Markdown renderer already escapes raw HTML; this allow-list makes the output safe even
if a plugin or a future option lets something through.
"""

import re

import nh3

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

TAGS = _HEADINGS | {
    "p",
    "br",
    "hr",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "s",
    "del",
    "sup",
    "sub",
    "a",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
    "span",
    "dfn",
}

ATTRIBUTES = {
    **{tag: {"id"} for tag in _HEADINGS},
    "a": {"href", "id", "title"},
    "ol": {"start"},
    "th": {"style"},  # text-align of GFM table columns, see STYLE_PROPERTIES
    "td": {"style"},
    "div": {"data-audience"},
    "span": {"data-audience", "id"},
    "dfn": {"aria-describedby"},
}

# nh3 keeps only these values of the class attribute.
CLASSES = {
    "div": {"audience"},
    "span": {"audience", "glossary-note"},
    "sup": {"citation"},
    "dfn": {"glossary-term"},
}

STYLE_PROPERTIES = {"text-align"}

URL_SCHEMES = {"http", "https", "mailto"}

# Relative URLs allowed: fragments (#ref-3) and paths on this site (/en/articles/x/).
# "//host" and "/\host" are other sites to a browser, so they are refused.
_RELATIVE_URL_RE = re.compile(r"^(#|/(?![/\\]))")


def _relative_url(url: str) -> str | None:
    return url if _RELATIVE_URL_RE.match(url) else None


_cleaner = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    allowed_classes=CLASSES,
    filter_style_properties=STYLE_PROPERTIES,
    url_schemes=URL_SCHEMES,
    url_relative=_relative_url,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    return _cleaner.clean(html)
