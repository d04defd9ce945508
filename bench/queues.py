"""In-process timing of the admin's work queues on an existing data set (bench/dataset.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/queues.py [--runs 7] [--migrate]

Signed in as a superuser (bench-admin, made by the data set) with Django's test client,
DEBUG and REQUIRE_2FA off: median milliseconds over
``--runs`` requests (after one to warm) and the queries of one more, for each queue page and
its filters. The database is used as it is (``--migrate`` applies migrations first: never on
a shared data set). Prints figures; asserts nothing.
"""

import argparse
import os
import sys

from _setup import ROOT, measure

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--runs", type=int, default=7)
parser.add_argument("--migrate", action="store_true")
options = parser.parse_args()

if "DATABASE_URL" not in os.environ:
    sys.exit("queues.py: set DATABASE_URL to a data set built by bench/dataset.py")
# Development settings (no collected static files needed) without DEBUG: cached templates.
os.environ.update(DJANGO_SETTINGS_MODULE="config.settings", DJANGO_ENV="development", DEBUG="0", REQUIRE_2FA="0")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PAGES = [
    ("translation queue", "/admin/articles/translationtask/"),
    ("  missing", "/admin/articles/translationtask/?state=missing"),
    ("  out of date", "/admin/articles/translationtask/?state=stale"),
    ("  zh-hans", "/admin/articles/translationtask/?lang=zh-hans"),
    ("  page 20", "/admin/articles/translationtask/?p=20"),
    ("review queue (default tab)", "/admin/reviews/reviewqueue/"),
    ("  open", "/admin/reviews/reviewqueue/?tab=open"),
    ("  changes", "/admin/reviews/reviewqueue/?tab=changes"),
    ("  overdue", "/admin/reviews/reviewqueue/?tab=overdue"),
    ("  page 20", "/admin/reviews/reviewqueue/?tab=waiting&p=20"),
]


def main():
    setup_test_environment()
    if options.migrate:
        call_command("migrate", verbosity=0)
    from articles.models import Article

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-admin"))
    print(f"{Article.objects.count()} articles, {connection.settings_dict['NAME']}, median of {options.runs} runs")
    for name, url in PAGES:
        client.get(url)  # warm
        ms, queries = measure(client, url, runs=options.runs)
        print(f"{name:30} {ms:9.1f} ms {queries:4d} queries")


main()
