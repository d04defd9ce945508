"""Vancouver (ICMJE / NLM "Citing Medicine") citations of library references, as HTML.

    Smith A, Jones BC. Title of the article. Journal of Examples. 2024 Mar;12(3):101-10.
    doi: <a href="https://doi.org/...">10.1000/x</a>. PMID: <a href="...">12345678</a>.

Journal-like items end in ``Year;Volume(Issue):pages``; books and reports in
``Publisher; Year``; chapters add ``In: Book title`` and ``p. pages``; web pages get
``[Internet]`` after the title and ``Available from: URL``.
"""

import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


def format_authors(authors: list) -> str:
    names = [format_name(name) for name in authors[:MAX_AUTHORS] if isinstance(name, dict)]
    names = [name for name in names if name]
    if len(authors) > MAX_AUTHORS:
        names.append(str(ET_AL))
    return ", ".join(names)


def _sentence(text: str) -> str:
    """Text ending in a period, unless it already ends in punctuation that closes it."""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else f"{text}."


def _year(year: int) -> str:
    if year < 0:  # CSL-JSON's -44 is 44 BC (as citeproc-js reads it)
        return str(YEAR_BC) % {"year": -year}
    return str(year)


def _date(reference) -> str:
    parts = [_year(reference.issued_year)] if reference.issued_year is not None else []
    if parts and reference.issued_month:
        parts.append(MONTHS[reference.issued_month - 1])
        if reference.issued_day:
            parts.append(str(reference.issued_day))
    return " ".join(parts)


def _journal_source(reference) -> str:
    """'Journal. 2024 Mar;12(3):101-10.'"""
    numbering = reference.volume + (f"({reference.issue})" if reference.issue else "")
    text = _date(reference)
    if numbering:
        text += f";{numbering}" if text else numbering
    if reference.pages:
        text += f":{reference.pages}"
    return " ".join(_sentence(part) for part in (reference.container_title, text) if part)


def _publisher_source(reference, container: str) -> str:
    """'Series. Publisher; 2024.'"""
    published = "; ".join(part for part in (reference.publisher, _date(reference)) if part)
    return " ".join(_sentence(part) for part in (container, published) if part)


def _web_url(url: str) -> bool:
    return url.lower().startswith(("https://", "http://"))


def vancouver_html(reference) -> SafeString:
    parts = []
    if reference.retracted:
        parts.append(format_html('<strong class="retracted">{}</strong>', RETRACTED))
    authors = format_authors(reference.authors or [])
    if authors:
        parts.append(_sentence(authors))
    title = reference.title.strip()
    if reference.csl_type in WEB_TYPES:
        title = f"{title} {INTERNET}"
    parts.append(_sentence(title))
    if reference.csl_type in JOURNAL_TYPES:
        parts.append(_journal_source(reference))
    elif reference.csl_type == "chapter":
        book = f"{IN} {reference.container_title}" if reference.container_title else ""
        parts.append(_publisher_source(reference, book))
        if reference.pages:
            parts.append(f"p. {_sentence(reference.pages)}")
    else:
        parts.append(_publisher_source(reference, reference.container_title))
    if reference.doi:
        parts.append(format_html('doi: <a href="{}">{}</a>.', reference.doi_url, reference.doi))
    if reference.pmid:
        parts.append(format_html('PMID: <a href="{}">{}</a>.', reference.pubmed_url, reference.pmid))
    if reference.url and reference.url != reference.doi_url:
        if _web_url(reference.link_url):
            parts.append(format_html('{} <a href="{}">{}</a>', AVAILABLE_FROM, reference.link_url, reference.url))
        else:
            parts.append(format_html("{} {}", AVAILABLE_FROM, reference.url))
    return format_html_join(" ", "{}", ((part,) for part in parts if part))


def evidence_badge_label(reference) -> str:
    return reference.get_evidence_display()
