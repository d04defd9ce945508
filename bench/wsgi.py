"""WSGI entry of the benchmark of record: config.settings, with bench.floor as the URL conf."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

settings.ROOT_URLCONF = "bench.floor"  # the project's URLs plus /bench-floor/ (see floor.py)
application = get_wsgi_application()

# Readers' searches segment Chinese with jieba: load its dictionary with the application, not
# in the first search each worker serves (a second's wait, seen as p99 spikes under load).
from articles.search.text import load_segmenter  # noqa: E402

load_segmenter()
