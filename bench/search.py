"""Benchmark of the public search page on an existing data set (bench/dataset.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/search.py

Measures through Django's test client, per query: median milliseconds over ``--runs``
requests, the fastest of as many more, and the queries of one; a query with thousands of hits in English and
Chinese, a one-word query, a rare word, no hit, and pages 2, 10 and 40. The cache is emptied
before each request, so that each makes the whole search (the response cache and the ranked
hits kept per content version would answer a repeat; the queries then include the glossary's,
read once per version). The database is only read.
Prints a table; asserts nothing (the tests check query counts).
"""

import argparse
import os
import time
import urllib.parse

from _setup import measure, setup_django

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--runs", type=int, default=7)
options = parser.parse_args()

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench")
setup_django()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

CASES = [
    ("en, many hits", "en", "exercise therapy osteoarthritis", None),
    ("en, many hits, page 2", "en", "exercise therapy osteoarthritis", 2),
    ("en, many hits, page 10", "en", "exercise therapy osteoarthritis", 10),
    ("en, many hits, page 40", "en", "exercise therapy osteoarthritis", 40),
    ("en, one word", "en", "pain", None),
    ("en, rare word", "en", "9950", None),
    ("en, no hit (substrings too)", "en", "xylophone", None),
    ("en, two letters, no hit", "en", "xq", None),
    ("zh, many hits", "zh-hans", "骨关节炎 运动疗法", None),
    ("zh, many hits, page 2", "zh-hans", "骨关节炎 运动疗法", 2),
    ("zh, one word", "zh-hans", "疼痛", None),
    ("zh, rare word", "zh-hans", "儿童哮喘", None),
    ("zh, one character, no hit", "zh-hans", "犬", None),
]



def fastest(client, url, runs):
    """The fastest of ``runs`` requests: on a busy machine, the least disturbed one."""
    times = []
    for _ in range(runs):
        cache.clear()
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


client = Client()
print(f"{'case':30} {'median ms':>10} {'min ms':>8} {'queries':>8}")
for label, lang, q, page in CASES:
    params = {"q": q} | ({"page": page} if page else {})
    url = f"/{lang}/search/?" + urllib.parse.urlencode(params)
    ms, queries = measure(client, url, runs=options.runs, before_each=cache.clear)
    print(f"{label:30} {ms:10.1f} {fastest(client, url, options.runs):8.1f} {queries:8}")
