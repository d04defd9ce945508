from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.cache import patch_vary_headers

from articles import views as article_views
from articles.editing import jsi18n
from articles.public.sitemaps import SITEMAPS
from config.api import api

from . import health


def root(request):
    """/ -> /<lang>/articles/, the language chosen by LocaleMiddleware (cookie, Accept-Language)."""
    response = redirect("articles:index")
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


# Refusals say why, in the reader's language; a database outage is a 503, not a 500.
handler403 = "config.errors.permission_denied"
handler500 = "config.errors.server_error"

urlpatterns = [
    path("", root, name="root"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/medical-review/", include("reviews.queue.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("sitemap.xml", article_views.sitemap_xml, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", article_views.robots_txt, name="robots_txt"),
]

urlpatterns += i18n_patterns(
    path("jsi18n/", jsi18n.javascript_catalog, name="javascript-catalog"),
    path("editorial-policy/", article_views.editorial_policy, name="editorial_policy"),
    path("about/", article_views.site_page, {"slug": "about"}, name="about"),
    path("contact/", article_views.site_page, {"slug": "contact"}, name="contact"),
    path("privacy/", article_views.site_page, {"slug": "privacy"}, name="privacy"),
    path("", include("articles.urls")),
    path("", include("reviews.urls")),
)
