"""What an article page's <head> tells search engines and link previews: description,
canonical address, hreflang alternates, Open Graph, and noindex for a fallback page (an
article shown in another language than the page's: its canonical is the original's page)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import override

from ..search.text import plain_text

DESCRIPTION_LENGTH = 160
OG_LOCALES = {"en": "en_US", "zh-hans": "zh_CN"}


@dataclass(frozen=True)
class ArticleMeta:
    description: str
    canonical: str
    alternates: list  # (hreflang, absolute URL)
    noindex: bool
    og_locale: str
    og_locale_alternates: list


def article_url(request, article, lang):
    with override(lang):
        return request.build_absolute_uri(article.get_absolute_url())


def article_meta(page, request):
    article = page.article
    languages = page.shown_languages or [page.content_lang]
    alternates = [(code, article_url(request, article, code)) for code in languages]
    if settings.LANGUAGE_CODE in languages:  # as the sitemap does: the address without a language
        default = article_url(request, article, settings.LANGUAGE_CODE)
        alternates.append(("x-default", default.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)))
    return ArticleMeta(
        description=Truncator(plain_text(page.shown_text.get("summary", ""))).chars(DESCRIPTION_LENGTH),
        canonical=article_url(request, article, page.content_lang),
        alternates=alternates,
        noindex=page.is_fallback,
        og_locale=OG_LOCALES.get(page.content_lang, page.content_lang),
        og_locale_alternates=[OG_LOCALES.get(code, code) for code in languages if code != page.content_lang],
    )
