"""The site's URLs plus one page that fails, to see the 500 page (tests/test_error_pages.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.urls import path

from config.urls import handler403, handler500  # noqa: F401  (used by Django)
from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("A bug in a view.")


def database_gone(request):
    raise OperationalError("connection failed: Connection refused")


urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(path("broken/", broken), path("database-gone/", database_gone)),
]
