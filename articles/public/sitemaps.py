"""/sitemap.xml: every language version readers may see of every published article, with
when that language's text last changed and hreflang alternates to the other versions (and
x-default); the topic pages and the site's own pages in every language."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..models import Article, Topic
from . import text_source


class _Localized(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class ArticleSitemap(_Localized):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        articles = list(Article.objects.published().with_text_dates().order_by("slug"))
        shown = text_source.reader_versions(articles)
        # {pk: {lang: when that text changed}} for the versions readers may see
        self._versions = {
            a.pk: {
                lang: (shown[a.pk][lang].updated if shown is not None else None) or a.text_updated_at(lang)
                for lang in a.languages()
                if shown is None or lang in shown.get(a.pk, {})
            }
            for a in articles
        }
        return [a for a in articles if self._versions[a.pk]]

    def get_languages_for_item(self, item):
        return list(self._versions[item.pk])

    def lastmod(self, item):
        return item.content_updated_at or item.published_at

    def get_urls(self, page=1, site=None, protocol=None):
        """As Django builds them, with each language's own lastmod (Django asks lastmod() per
        article only)."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            article, lang = url["item"]
            url["lastmod"] = self._versions[article.pk][lang]
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
