import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Readers' searches segment Chinese with jieba: load its dictionary with the application, not
# in the first search each worker serves (a second's wait, seen as p99 spikes under load).
from articles.search.text import load_segmenter  # noqa: E402

load_segmenter()
