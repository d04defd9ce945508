"""Benchmark of the public pages: time and queries per page, and how they grow with data.

    .venv/bin/python bench/pages.py            # throwaway SQLite database
    DATABASE_URL=postgres://... .venv/bin/python bench/pages.py

Loads the demo content, then measures through Django's test client (no network), for each
persona and language of the article page:

- full miss: the cache emptied before each request (Markdown parsed and rendered),
- render hit: a new content version before each request (the response cache misses; the
  render cache and the cited keys kept under the text's hash serve the HTML: no parse),
- response hit: the whole page from the response cache (response_cache.py),

then the index (response hit and miss), and the index again after adding many more articles.
Prints a table; it asserts nothing (the tests check query counts).
"""

import io

from _setup import measure, setup_django

setup_django()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from articles.public import response_cache  # noqa: E402

RUNS = 20


def add_articles(count, start):
    from articles.models import Article, Topic

    topic = Topic.objects.get_or_create(slug="bench", defaults={"name_en": "Benchmark"})[0]
    for i in range(start, start + count):
        article = Article.objects.create(
            slug=f"bench-{i}",
            title_en=f"Benchmark question {i}?",
            summary_en="An answer [@kolasinski-2020-acr-oa].",
            body_en="## Section\n\nText [@jo-2014-adipose-msc-dose].",
            status="published",
        )
        article.topics.add(topic)


def parse_versus_lookup():
    """What a render hit used to pay on every request (parse the text for its cited keys)
    against what it pays now (a hash of the text and a cache lookup)."""
    import statistics
    import time

    from articles.models import Article
    from articles.rendering import citations, render_cache

    article = Article.objects.get(slug="msc-knee-dose")
    summary, body = article.text("summary", "en"), article.text("body", "en")
    timings = {}
    for name, function in (("parse", citations.cited_keys), ("cached", render_cache.cited_keys)):
        function(summary, body)
        runs = []
        for _ in range(RUNS):
            start = time.perf_counter()
            function(summary, body)
            runs.append((time.perf_counter() - start) * 1000)
        timings[name] = statistics.median(runs)
    return f"{timings['parse']:6.2f} / {timings['cached']:5.2f}", "0/0"


def main():
    call_command("load_demo", "--no-accounts", verbosity=0, stdout=io.StringIO())
    client = Client()
    rows = []
    for lang in ("en", "zh-hans"):
        for persona in ("patient", "physician"):
            url = f"/{lang}/articles/msc-knee-dose/?persona={persona}"
            client.get(url)  # the persona cookie, as a reader who chose it has
            cold, cold_queries = measure(client, url, runs=RUNS, before_each=cache.clear)
            render, render_queries = measure(client, url, runs=RUNS, before_each=response_cache.bump)
            warm, warm_queries = measure(client, url, runs=RUNS)
            rows.append((f"article {lang} {persona}: full miss / render hit / response hit",
                         f"{cold:6.1f} / {render:5.1f} / {warm:5.2f}", f"{cold_queries}/{render_queries}/{warm_queries}"))
    for lang in ("en", "zh-hans"):
        miss, miss_queries = measure(client, f"/{lang}/articles/", runs=RUNS, before_each=response_cache.bump)
        ms, queries = measure(client, f"/{lang}/articles/", runs=RUNS)
        rows.append((f"index {lang}, 3 articles: miss / response hit", f"{miss:6.1f} / {ms:5.2f}",
                     f"{miss_queries}/{queries}"))
    rows.append(("cited keys of the MSC article (en): parse / cached", *parse_versus_lookup()))
    add_articles(200, 0)
    ms, queries = measure(client, "/en/articles/", runs=RUNS, before_each=response_cache.bump)
    rows.append(("index en, 203 articles: miss", f"{ms:6.1f}", queries))
    ms, queries = measure(client, "/en/articles/bench-150/?persona=patient", runs=RUNS,
                          before_each=response_cache.bump)
    rows.append(("article en patient among 203: render hit", f"{ms:6.1f}", queries))

    width = max(len(name) for name, *_ in rows)
    print(f"MedCMS page benchmark ({connection.vendor}, median of {RUNS} requests)")
    print(f"{'page':<{width}}  {'ms':>22}  queries")
    for name, ms, queries in rows:
        print(f"{name:<{width}}  {ms:>22}  {queries:>7}")


if __name__ == "__main__":
    main()
