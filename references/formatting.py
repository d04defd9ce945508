"""Vancouver (ICMJE / NLM "Citing Medicine") citations of library references, as HTML.

    Smith A, Jones BC. Title of the article. Journal of Examples. 2024 Mar;12(3):101-10.
    doi: <a href="https://doi.org/...">10.1000/x</a>. PMID: <a href="...">12345678</a>.

Journal-like items end in ``Year;Volume(Issue):pages``; books and reports in
``Publisher; Year``; chapters add ``In: Book title`` and ``p. pages``; web pages get
``[Internet]`` after the title and ``Available from: URL``.
"""

import re

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .csl import parse_date
from .richtext import plain_text, rich_html

MAX_AUTHORS = 6
# NLM abbreviates months in English whatever the language of the page.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
JOURNAL_TYPES = {"article-journal", "article-magazine", "article-newspaper", "article", "review"}
WEB_TYPES = {"webpage", "post-weblog", "post"}
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

ET_AL = pgettext_lazy("Vancouver citation, after the sixth author", "et al.")
INTERNET = pgettext_lazy("Vancouver citation, after the title of a web page", "[Internet]")
AVAILABLE_FROM = pgettext_lazy("Vancouver citation, before the URL", "Available from:")
IN = pgettext_lazy("Vancouver citation, before the book a chapter is in", "In:")
RETRACTED = _("Retracted")
CITED = pgettext_lazy("Vancouver citation, the date a web source was consulted", "cited %(date)s")
YEAR_BC = pgettext_lazy("Vancouver citation, a year before 1 AD", "%(year)s BC")


def initials(given: str) -> str:
    """'Anna Maria' -> 'AM', 'Jean-Pierre' -> 'JP', 'J. R. R.' -> 'JRR'."""
    return "".join(part[0].upper() for part in re.split(r"[\s.\-‐]+", given) if part)


def format_name(name: dict) -> str:
    if name.get("literal"):
        return name["literal"]
    family = " ".join(
        part
        for part in (name.get("dropping-particle"), name.get("non-dropping-particle"), name.get("family"))
        if part
    )
    given = name.get("given", "")
    if _CJK_RE.search(family + given):
        text = family + given  # Chinese, Japanese, Korean names are written in full
    else:
        text = " ".join(part for part in (family, initials(given)) if part)
    return " ".join(part for part in (text, name.get("suffix")) if part)


def _listed(authors) -> list:
    """The names a citation lists: the first six (CSL name objects)."""
    return [name for name in (authors or [])[:MAX_AUTHORS] if isinstance(name, dict)]


def format_authors(authors: list, incomplete: bool = False) -> str:
    """Citing Medicine: up to six authors; more than six, the first six then "et al.". A list
    marked incomplete (more authors than listed) ends in "et al." too, once."""
    names = [name for name in map(format_name, _listed(authors)) if name]
    if names and (len(authors) > MAX_AUTHORS or incomplete):
        names.append(str(ET_AL))
    return ", ".join(names)


def _sentence(text) -> SafeString:
    """HTML ending in a period, unless its text already ends in punctuation that closes it.

    ``text`` is plain text (escaped here) or SafeString HTML (rich titles, links)."""
    html = conditional_escape(text).strip()
    words = plain_text(str(html)).strip()
    if not words:
        return mark_safe("")  # noqa: S308 - empty
    return html if words[-1] in ".?!" else mark_safe(f"{html}.")  # noqa: S308 - escaped above


def _year(year: int) -> str:
    if year < 0:  # CSL-JSON's -44 is 44 BC (as citeproc-js reads it)
        return str(YEAR_BC) % {"year": -year}
    return str(year)


def _date_text(year, month, day) -> str:
    parts = [_year(year)] if year is not None else []
    if parts and month:
        parts.append(MONTHS[month - 1])
        if day:
            parts.append(str(day))
    return " ".join(parts)


def _date(reference) -> str:
    """The date of publication, followed by the date cited for sources read on the Internet:
    '2002 Jun [cited 2002 Aug 12]'."""
    text = _date_text(reference.issued_year, reference.issued_month, reference.issued_day)
    cited = _cited(reference)
    return f"{text} {cited}".strip() if cited else text


def _accessed(reference):
    """(year, month, day) of CSL ``accessed`` when the citation shows it: for a source shown
    with its web address, and only a date that can be read."""
    accessed = (reference.csl_extra or {}).get("accessed")
    if not accessed or not _shows_url(reference):
        return None
    year, month, day = parse_date(accessed)
    return None if year is None else (year, month, day)


def _cited(reference) -> str:
    """'[cited 2025 Jan 10]' from CSL ``accessed``, for a source shown with its web address."""
    accessed = _accessed(reference)
    if accessed is None:
        return ""
    return "[" + str(CITED) % {"date": _date_text(*accessed)} + "]"


def short_page_range(pages: str) -> str:
    """NLM page ranges: digits the last page shares with the first are dropped (1254-1266 ->
    1254-66, 284-287 -> 284-7, S12-S19 -> S12-9), dashes become hyphens; anything else as given."""
    ranges = []
    for part in re.split(r"\s*,\s*", pages.strip()):
        match = _PAGE_RANGE_RE.match(part)
        if not match:
            ranges.append(part)
            continue
        prefix, first, end_prefix, last = match.groups()
        if end_prefix not in ("", prefix) or len(first) != len(last) or int(last) <= int(first):
            ranges.append(f"{prefix}{first}-{end_prefix}{last}")
            continue
        shared = next(i for i, (a, b) in enumerate(zip(first, last, strict=True)) if a != b)
        ranges.append(f"{prefix}{first}-{last[shared:]}")
    return ", ".join(ranges)


_PAGE_RANGE_RE = re.compile(r"^([A-Za-z]*)(\d+)\s*[-\u2010-\u2015]\s*([A-Za-z]*)(\d+)$")


def _journal_name(reference) -> str:
    """The journal's abbreviation (CSL container-title-short) where given, else its title."""
    short = (reference.csl_extra or {}).get("container-title-short")
    return short if isinstance(short, str) and short.strip() else reference.container_title


def _journal(reference):
    """The journal's name; '[Internet]' after it when the article was read on the Internet
    (a date cited)."""
    journal = rich_html(_journal_name(reference))
    if journal and _cited(reference):
        return format_html("{} {}", journal, INTERNET)
    return journal


def _journal_source(reference):
    """'Journal. 2024 Mar;12(3):101-10.'"""
    numbering = reference.volume + (f"({reference.issue})" if reference.issue else "")
    text = _date(reference)
    if numbering:
        text += f";{numbering}" if text else numbering
    if reference.pages:
        text += f":{short_page_range(reference.pages)}"
    return _join(_sentence(_journal(reference)), _sentence(text))


def _publisher(reference) -> str:
    """'Place: Publisher' (CSL publisher-place and publisher), either alone, or ''."""
    place = (reference.csl_extra or {}).get("publisher-place")
    publisher = reference.publisher
    if isinstance(place, str) and place.strip():
        publisher = f"{place.strip()}: {publisher}" if publisher else place.strip()
    return publisher


def _publisher_source(reference, container):
    """'Series. Place: Publisher; 2024.'"""
    published = "; ".join(part for part in (_publisher(reference), _date(reference)) if part)
    return _join(_sentence(container), _sentence(published))


def _join(*parts) -> SafeString:
    return format_html_join(" ", "{}", ((part,) for part in parts if part))


def _web_url(url: str) -> bool:
    return url.lower().startswith(("https://", "http://"))


def _shows_url(reference) -> bool:
    return bool(reference.url) and reference.url != reference.doi_url


def vancouver_html(reference) -> SafeString:
    parts = []
    if reference.retracted:
        parts.append(format_html('<strong class="retracted">{}</strong>', RETRACTED))
    authors = format_authors(reference.authors or [], reference.authors_incomplete)
    if authors:
        parts.append(_sentence(authors))
    title = rich_html(reference.title.strip())
    if title and reference.csl_type in WEB_TYPES:
        title = format_html("{} {}", title, INTERNET)
    parts.append(_sentence(title))  # an untitled item (CSL allows it) goes on without one
    if reference.csl_type in JOURNAL_TYPES:
        parts.append(_journal_source(reference))
    elif reference.csl_type == "chapter":
        book = format_html("{} {}", IN, rich_html(reference.container_title)) if reference.container_title else ""
        parts.append(_publisher_source(reference, book))
        if reference.pages:
            parts.append(_sentence(f"p. {short_page_range(reference.pages)}"))
    else:
        parts.append(_publisher_source(reference, rich_html(reference.container_title)))
    if reference.doi:
        parts.append(format_html('doi: <a href="{}">{}</a>.', reference.doi_url, reference.doi))
    if reference.pmid:
        parts.append(format_html('PMID: <a href="{}">{}</a>.', reference.pubmed_url, reference.pmid))
    if _shows_url(reference):
        if _web_url(reference.link_url):
            parts.append(format_html('{} <a href="{}">{}</a>', AVAILABLE_FROM, reference.link_url, reference.url))
        else:
            parts.append(format_html("{} {}", AVAILABLE_FROM, reference.url))
    return _join(*parts)


def shown_values(reference) -> dict:
    """What of a reference its citation (vancouver_html) shows, as plain values: a change of
    the reference changes these exactly when it changes the citation a reader sees. (Words
    the citation adds in the page's language, "et al." or "[Internet]", are not values of the
    reference.) The review workflow's fingerprint depends on these, the retracted flag and the
    evidence type (shown as a badge next to the citation)."""
    journal = reference.csl_type in JOURNAL_TYPES
    chapter = reference.csl_type == "chapter"
    year = reference.issued_year
    month = reference.issued_month if year is not None else None
    values = {
        "layout": ("journal" if journal else "chapter" if chapter else "book", reference.csl_type in WEB_TYPES),
        "authors": [name for name in map(format_name, _listed(reference.authors)) if name],
        "more_authors": len(reference.authors or []) > MAX_AUTHORS or bool(reference.authors_incomplete),
        "title": reference.title.strip(),
        "issued": [year, month, reference.issued_day if month else None],
        "accessed": _accessed(reference),
        "doi": reference.doi,
        "pmid": reference.pmid,
        "url": reference.url if _shows_url(reference) else "",
    }
    if journal:
        values.update(journal=_journal_name(reference), volume=reference.volume, issue=reference.issue)
    else:
        values.update(container=reference.container_title, publisher=_publisher(reference))
    if journal or chapter:
        values["pages"] = reference.pages
    return values


def evidence_badge_label(reference) -> str:
    return reference.get_evidence_display()
