"""Benchmark of an article's version history in the admin: 1,000 revisions.

    .venv/bin/python bench/history.py            # throwaway SQLite database
    DATABASE_URL=postgres://... .venv/bin/python bench/history.py

Creates an article with 1,000 revisions (alternating English and Chinese edits), then
measures through Django's test client, logged in as a superuser: the history page (first
and last page), a compare of the first and the last revision, and a revision preview.
Prints median milliseconds and the queries of one request; asserts nothing (the tests
check the query counts).
"""

import time

from _setup import measure, setup_django

setup_django()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

REVISIONS = 1000
RUNS = 15


def make_history(user):
    import reversion
    from reversion.models import Version

    from articles.models import Article

    Article.objects.filter(slug="bench-history").delete()
    body = "## Evidence\n\n" + " ".join(f"Sentence {n} about knee injections." for n in range(200))
    body_zh = "## 证据\n\n" + "".join(f"关于膝关节注射的第{n}句。" for n in range(200))
    with reversion.create_revision():
        article = Article.objects.create(
            slug="bench-history", title_en="How many injections?", summary_en="Dose 0.", body_en=body,
            title_zh_hans="注射几次？", summary_zh_hans="剂量0。", body_zh_hans=body_zh,
        )
        reversion.set_user(user)
        reversion.set_comment("First draft")
    for n in range(1, REVISIONS):
        with reversion.create_revision():
            if n % 2:
                article.summary_en = f"Dose {n}."
                article.body_en = body.replace("Sentence 7 ", f"Sentence {n} ")
            else:
                article.summary_zh_hans = f"剂量{n}。"
            article.save()
            reversion.set_user(user)
            reversion.set_comment(f"Edit {n}")
    return article, list(Version.objects.get_for_object(article).order_by("pk").values_list("pk", flat=True))


def main():
    from django.contrib.auth.models import User

    user = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "bench@example.invalid", "bench-only"
    )
    start = time.perf_counter()
    article, versions = make_history(user)
    setup_seconds = time.perf_counter() - start
    client = Client()
    client.force_login(user)
    history = reverse("admin:articles_article_history", args=[article.pk])
    compare = reverse("admin:articles_article_history_compare", args=[article.pk])
    preview = reverse("admin:articles_article_revision_preview", args=[article.pk, versions[len(versions) // 2]])
    pages = [
        ("history, page 1", history),
        ("history, last page", f"{history}?p={(len(versions) + 49) // 50}"),
        ("compare first vs last", f"{compare}?a={versions[0]}&b={versions[-1]}"),
        ("compare neighbours", f"{compare}?a={versions[-2]}&b={versions[-1]}"),
        ("preview (en)", f"{preview}?lang=en"),
        ("preview (zh-hans)", f"{preview}?lang=zh-hans"),
    ]
    rows = [(name, *measure(client, url, runs=RUNS)) for name, url in pages]
    width = max(len(name) for name, *_ in rows)
    print(f"MedCMS history benchmark ({connection.vendor}, {len(versions)} revisions, "
          f"set up in {setup_seconds:.1f} s, median of {RUNS} requests)")
    print(f"{'page':<{width}}  {'ms':>8}  queries")
    for name, ms, queries in rows:
        print(f"{name:<{width}}  {ms:>8.1f}  {queries:>7}")


if __name__ == "__main__":
    main()
