"""Small template helpers for the public pages."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, override

from articles.public.typography import gap_after

register = template.Library()


@register.filter
def with_gap(label):
    """A label and the space before what it labels; none after full-width punctuation
    ("最后更新：2026年…", "Last updated: 2 January 2026")."""
    return f"{label}{gap_after(str(label))}"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


@register.simple_tag(takes_context=True)
def language_links(context):
    """The same page (same article, same query string, so the same persona) in each language."""
    request = context.get("request")
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        # Each language named in itself: a reader who cannot read the page can still find theirs.
        with override(code):
            name = str(dict(settings.LANGUAGES)[code])
        url = translate_url(request.get_full_path(), code) if request else f"/{code}/"
        links.append(LanguageLink(code, name, url, code == current))
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """(hreflang, absolute URL) of this page in every language, and x-default: the address
    without a language prefix, which sends each reader to their browser's language."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return []
    links = [
        (code, request.build_absolute_uri(translate_url(request.path, code))) for code, _name in settings.LANGUAGES
    ]
    prefix = f"/{get_language()}/"
    if request.path.startswith(prefix):
        links.append(("x-default", request.build_absolute_uri("/" + request.path[len(prefix) :])))
    return links


@register.simple_tag(takes_context=True)
def persona_url(context, code):
    """The current page with ?persona=<code>, other query parameters kept."""
    request = context["request"]
    params = request.GET.copy()
    params["persona"] = code
    return f"{request.path}?{urlencode(sorted(params.lists()), doseq=True)}"


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current page with ?page=<number>, other query parameters (the search words) kept."""
    request = context["request"]
    params = request.GET.copy()
    params["page"] = number
    return f"{request.path}?{urlencode(sorted(params.lists()), doseq=True)}"


@register.simple_tag(takes_context=True)
def article_head(context, page):
    """The article page's description, canonical, hreflang and Open Graph data (public/meta.py)."""
    from ..public.meta import article_meta

    return article_meta(page, context["request"])
