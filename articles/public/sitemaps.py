"""/sitemap.xml: every language version readers may see of every published article, with
when that language's text last changed and hreflang alternates to the other versions (and
x-default); the topic pages and the site's own pages in every language.

While every section fits in one sitemap (``Sitemap.limit`` URLs) /sitemap.xml is that urlset;
beyond, it is an index of the sections' pages, /sitemap-<section>.xml?p=N (articles.views.sitemap_xml).
A page of articles reads only its own articles, so it costs the same at any number of them.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from ..models import LANGUAGE_CODES, Article, Topic
from . import text_source

_SLUG = "slug-here"


class _Localized(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    @cached_property
    def paginator(self):
        # Once per request: /sitemap.xml counts the pages before it serves one.
        return super().paginator


class _ArticlePages(Paginator):
    """Pages of articles (ids in slug order, paged in SQL), each turned into its
    (article, language) pairs when read. Django pages the pairs of every article; here a page
    holds ``limit // number of languages`` articles, so at most ``limit`` URLs whatever their
    languages, and an article's versions are never split over two pages."""

    def __init__(self, sitemap):
        super().__init__(sitemap.items(), max(1, sitemap.limit // len(LANGUAGE_CODES)))
        self.sitemap = sitemap

    def _get_page(self, ids, number, paginator):
        return super()._get_page(self.sitemap.page_items(ids), number, paginator)


class ArticleSitemap(_Localized):
    changefreq = "monthly"
    priority = 0.8
    limit = Sitemap.limit  # URLs in one sitemap (the protocol's maximum); tests lower it

    def items(self):
        """The published articles' ids, in slug order: what a page's articles are picked from."""
        return Article.objects.published().order_by("slug").values_list("pk", flat=True)

    @cached_property
    def paginator(self):
        return _ArticlePages(self)

    def page_items(self, ids):
        """(article, language) of each version readers may see of these articles (``ids``: a
        slice of ``items()``, read as a subquery), in slug order; an article with none is left
        out. Reads no text but whether each language has one."""
        articles = list(
            Article.objects.filter(pk__in=ids)
            .only("slug", "published_at", "content_updated_at")
            .with_languages()
            .with_text_dates()
            .order_by("slug")
        )
        shown = text_source.reader_version_dates(articles)
        # {pk: {lang: when that text changed}} for the versions readers may see
        self._versions = {
            a.pk: {
                lang: (shown[a.pk][lang] if shown is not None else None) or a.text_updated_at(lang)
                for lang in a.languages()
                if shown is None or lang in shown.get(a.pk, {})
            }
            for a in articles
        }
        return [(a, lang) for a in articles for lang in self._versions[a.pk]]

    def get_languages_for_item(self, item):
        return list(self._versions[item.pk])

    @cached_property
    def _paths(self):
        """{lang: (before, after)}: an article's path in each language around its slug."""
        paths = {}
        for lang in LANGUAGE_CODES:
            with translation.override(lang):
                paths[lang] = tuple(reverse("articles:detail", args=[_SLUG]).split(_SLUG))
        return paths

    def get_latest_lastmod(self):
        """None: the index gives no date for the article pages, as knowing it means reading
        every language version of every article (and what the review gate shows of it)."""
        return None

    def get_urls(self, page=1, site=None, protocol=None):
        """The page's URLs as Django's Sitemap builds them (each version, its alternates and
        x-default), with that language's own lastmod; each address from a path reversed once
        per language (slugs need no quoting), as reverse() and translation.override() per
        address cost most of a page of 50,000."""
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        default = settings.LANGUAGE_CODE
        urls = []
        for article, lang in self.paginator.page(page).object_list:
            versions = self._versions[article.pk]
            addresses = {code: base + self._paths[code][0] + article.slug + self._paths[code][1] for code in versions}
            alternates = [{"location": address, "lang_code": code} for code, address in addresses.items()]
            if self.x_default and default in versions:
                alternates.append({"location": addresses[default].replace(f"/{default}/", "/", 1), "lang_code": "x-default"})
            urls.append({
                "item": (article, lang), "location": addresses[lang], "lastmod": versions[lang],
                "changefreq": self.changefreq, "priority": str(self.priority), "alternates": alternates,
            })
        dates = [url["lastmod"] for url in urls if url["lastmod"]]
        self.latest_lastmod = max(dates) if dates else None
        return urls


class TopicSitemap(_Localized):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.order_by("slug")


class SitePagesSitemap(_Localized):
    """The index, the topics and the editorial policy (URL names)."""

    changefreq = "weekly"
    priority = 0.6
    url_names = ["articles:index", "articles:topics", "editorial_policy", "about", "contact", "privacy"]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


SITEMAPS = {"articles": ArticleSitemap, "topics": TopicSitemap, "pages": SitePagesSitemap}
