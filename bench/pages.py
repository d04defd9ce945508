"""Benchmark of the public pages: time and queries per page, and how they grow with data.

    .venv/bin/python bench/pages.py            # throwaway SQLite database
    DATABASE_URL=postgres://... .venv/bin/python bench/pages.py

Loads the demo content, then measures through Django's test client (no network):
the article page cold (Markdown rendered) and warm (render cache hit) for each persona
and language, the index, and the index again after adding many more articles.
Prints a table; it asserts nothing (the tests check query counts).
"""

import io

from _setup import measure, setup_django

setup_django()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

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


def main():
    call_command("load_demo", "--no-accounts", verbosity=0, stdout=io.StringIO())
    client = Client()
    rows = []
    for lang in ("en", "zh-hans"):
        for persona in ("patient", "physician"):
            url = f"/{lang}/articles/msc-knee-dose/?persona={persona}"
            cold, queries = measure(client, url, runs=RUNS, before_each=cache.clear)
            warm, _ = measure(client, url, runs=RUNS)
            rows.append((f"article {lang} {persona}: cold / warm", f"{cold:7.1f} / {warm:5.1f}", queries))
    for lang in ("en", "zh-hans"):
        ms, queries = measure(client, f"/{lang}/articles/", runs=RUNS)
        rows.append((f"index {lang}, 3 articles", f"{ms:7.1f}", queries))
    add_articles(200, 0)
    ms, queries = measure(client, "/en/articles/", runs=RUNS)
    rows.append(("index en, 203 articles", f"{ms:7.1f}", queries))
    ms, queries = measure(client, "/en/articles/bench-150/?persona=patient", runs=RUNS)
    rows.append(("article en patient among 203", f"{ms:7.1f}", queries))

    width = max(len(name) for name, *_ in rows)
    print(f"MedCMS page benchmark ({connection.vendor}, median of {RUNS} requests)")
    print(f"{'page':<{width}}  {'ms':>15}  queries")
    for name, ms, queries in rows:
        print(f"{name:<{width}}  {ms:>15}  {queries:>7}")


if __name__ == "__main__":
    main()
