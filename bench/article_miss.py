"""The article page on a response-cache miss with its render cached (what readers get after
any edit: renders are made at save), in-process, under production settings.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench CACHE_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/article_miss.py [--articles 200] [--rounds 3] [--profile N [--profile-out FILE]] [--save DIR] [--compare DIR]

1. ``--articles`` published articles (by slug) x (en, zh-hans) x (patient, physician): each
   page requested once (the renders made, the memoized data read), then
2. ``--rounds`` rounds over every page, a new content version before each round (as after
   any edit: response_cache.bump). Prints median and p90 ms, and the queries of one request
   per (language, persona).
3. ``--profile N``: one more round under cProfile, the N costliest functions by cumulative
   and by own time.
4. ``--save DIR``: the HTML of every page measured, its CSP nonce replaced by NONCE (one file
   per page); ``--compare DIR``: compared byte for byte with such a directory.

Needs Redis (CACHE_URL) and a
database with the data set (bench/dataset.py). Runs with DJANGO_ENV=production, DEBUG off (the
cached template loader), like bench/served.py's gunicorn. Asserts nothing but status 200.
"""

import argparse
import cProfile
import os
import pstats
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "zh-hans")
PERSONAS = ("patient", "physician")


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_ENV"] = "production"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    if not os.environ.get("CACHE_URL", "").startswith("redis://"):
        sys.exit("CACHE_URL=redis://... is needed")
    import django

    django.setup()


def urls(count):
    from articles.models import Article

    slugs = list(Article.objects.published().order_by("slug").values_list("slug", flat=True)[:count])
    return [f"/{lang}/articles/{slug}/?persona={persona}" for slug in slugs for lang in LANGS for persona in PERSONAS]


def clear_pages():
    """A new content version (as after any edit): every stored page and everything memoized
    for the old version is out of date; the renders (keyed by the text) are not."""
    from articles.public import response_cache

    response_cache.bump()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def normalised(response):
    found = re.search(r"'nonce-([^']+)'", response.get("Content-Security-Policy", ""))
    return response.content.replace(found[1].encode(), b"NONCE") if found else response.content


def file_name(url):
    return url.strip("/").replace("/", "_").replace("?persona=", "_") + ".html"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--profile-out", help="a file for the profile's raw statistics")
    parser.add_argument("--save")
    parser.add_argument("--compare")
    args = parser.parse_args()
    setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    pages = urls(args.articles)
    for url in pages:  # renders made, memoized data read
        get(client, url)
    times, first, others = [], [], []
    for _ in range(args.rounds):
        clear_pages()
        for i, url in enumerate(pages):
            start = time.perf_counter()
            response = get(client, url)
            times.append((time.perf_counter() - start) * 1000)
            # The article's first page in this version, or one of its others (which may share
            # what the first read: response_cache.shared).
            (first if i % (len(LANGS) * len(PERSONAS)) == 0 else others).append(times[-1])
            assert response["X-Response-Cache"] == "miss", url
    times.sort()
    print(f"{len(pages)} pages x {args.rounds} rounds ({connection.vendor}): "
          f"median {statistics.median(times):.2f} ms, p90 {times[int(len(times) * 0.9)]:.2f} ms, "
          f"mean {statistics.fmean(times):.2f} ms; an article's first page in a version: "
          f"median {statistics.median(first):.2f} ms, its other pages: median {statistics.median(others):.2f} ms")
    clear_pages()
    for lang in LANGS:
        for persona in PERSONAS:
            url = next(u for u in pages if u.startswith(f"/{lang}/") and u.endswith(persona))
            with CaptureQueriesContext(connection) as queries:
                get(client, url)
            print(f"queries {lang} {persona}: {len(queries)}")
            if os.environ.get("SHOW_QUERIES"):
                for query in queries:
                    print("   ", query["sql"][:300])

    if args.save or args.compare:
        clear_pages()
        differ = 0
        for url in pages:
            html = normalised(get(client, url))
            if args.save:
                Path(args.save).mkdir(parents=True, exist_ok=True)
                (Path(args.save) / file_name(url)).write_bytes(html)
            if args.compare:
                before = (Path(args.compare) / file_name(url)).read_bytes()
                if before != html:
                    differ += 1
                    if differ <= 3:
                        now = Path(f"{args.compare.rstrip('/')}-differs")
                        now.mkdir(parents=True, exist_ok=True)
                        (now / file_name(url)).write_bytes(html)
                        print("differs:", url, "(now in", now, ")")
        if args.compare:
            print(f"compared {len(pages)} pages: {differ} differ")

    if args.profile:
        clear_pages()
        profile = cProfile.Profile()
        profile.enable()
        for url in pages:
            get(client, url)
        profile.disable()
        if args.profile_out:
            profile.dump_stats(args.profile_out)
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
        stats.sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
