"""Benchmark of the admin lists at scale: articles, references, translation queue, review queue.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/medcms_lists .venv/bin/python bench/lists.py
    .venv/bin/python bench/lists.py                        # throwaway SQLite database, 2,000 articles

Fills the database once (bulk inserts, kept for the next run when the count matches):
``--articles`` published articles (key answer and a body of about 2 kB; every third also in
Chinese, half of those behind their English original), 2,000 references, five citations per
language version, and a medical review of each English version (half approved, a quarter of
those edited since, the rest submitted). Then measures through Django's test client, signed
in as a superuser, the first page of each list: median milliseconds over ``--runs`` requests
and the queries of one more. Prints figures; asserts nothing (the tests check query counts).
"""

import argparse
import datetime
import sys

from _setup import measure, setup_django

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--articles", type=int, default=None, help="default: 10,000 on PostgreSQL, 2,000 on SQLite")
parser.add_argument("--runs", type=int, default=7)
options = parser.parse_args()

setup_django()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

REFERENCES = 2000
CITED = 5
PREFIX = "bench-list-"


def fill(n):
    from articles.editing.translation_queue import refresh as refresh_translation_queue
    from articles.models import Article, Citation, LanguageVersion
    from references.models import Reference
    from reviews.models import Review
    from reviews.workflow.fingerprint import article_fingerprint

    if Article.objects.filter(slug__startswith=PREFIX).count() == n:
        return
    print(f"filling: {n} articles ...", file=sys.stderr)
    Review.objects.filter(article__slug__startswith=PREFIX).delete()
    Citation.objects.filter(article__slug__startswith=PREFIX).delete()
    Article.objects.filter(slug__startswith=PREFIX).delete()
    Reference.objects.filter(key__startswith=PREFIX).delete()
    refs = Reference.objects.bulk_create(
        [Reference(key=f"{PREFIX}{i}", title=f"A trial of knee treatment {i}", authors=[{"family": "Lee", "given": "A"}],
                   container_title="Journal of Examples", issued_year=2000 + i % 25, evidence="rct")
         for i in range(REFERENCES)], batch_size=1000,
    )
    if refs[0].pk is None:
        refs = list(Reference.objects.filter(key__startswith=PREFIX).order_by("pk"))
    now = timezone.now()
    body = "## Evidence\n\n" + " ".join(f"Sentence {k} about knee pain and its treatment." for k in range(40))
    articles = []
    for i in range(n):
        keys = [refs[(i * CITED + k) % REFERENCES].key for k in range(CITED)]
        cites = " ".join(f"[@{key}]" for key in keys)
        chinese = i % 3 == 0
        articles.append(Article(
            slug=f"{PREFIX}{i:06d}", status="published", published_at=now, content_updated_at=now,
            source_language="en", title_en=f"Does treatment {i} help knee pain?",
            summary_en=f"Probably, for a while {cites}.", body_en=f"{body} {cites}",
            title_zh_hans=f"治疗{i}对膝盖疼痛有帮助吗？" if chinese else "",
            summary_zh_hans=f"可能有帮助 {cites}。" if chinese else "",
            body_zh_hans=("证据。" * 300 + cites) if chinese else "",
        ))
    Article.objects.bulk_create(articles, batch_size=1000)
    articles = list(Article.objects.filter(slug__startswith=PREFIX).order_by("slug"))
    versions, citations = [], []
    for i, article in enumerate(articles):
        langs = ["en", "zh-hans"] if i % 3 == 0 else ["en"]
        for lang in langs:
            stale = lang == "zh-hans" and i % 2 == 0
            versions.append(LanguageVersion(
                article=article, language=lang, text_changed_at=now,
                source_changed_at=None if lang == "en" else now - datetime.timedelta(days=1 if stale else 0),
            ))
            for k in range(CITED):
                citations.append(Citation(article=article, reference=refs[(i * CITED + k) % REFERENCES],
                                          language=lang, number=k + 1))
    LanguageVersion.objects.bulk_create(versions, batch_size=2000)
    refresh_translation_queue()  # bulk inserts send no signals
    Citation.objects.bulk_create(citations, batch_size=5000)
    reviews = []
    for i, article in enumerate(articles):
        approved = i % 2 == 0
        fingerprint = article_fingerprint(article, "en") if approved else ""
        if approved and i % 8 == 0:
            fingerprint = "0" * 64  # the text changed after the approval
        review = Review(article=article, language="en", state="approved" if approved else "submitted",
                        approved_fingerprint=fingerprint, approved_at=now if approved else None,
                        next_review_due=(now + datetime.timedelta(days=(i % 400) - 30)).date() if approved else None)
        if hasattr(review, "live_fingerprint"):
            review.live_fingerprint = article_fingerprint(article, "en")
        reviews.append(review)
    Review.objects.bulk_create(reviews, batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main():
    from django.contrib.auth.models import User

    if options.articles is None:
        options.articles = 10_000 if connection.vendor == "postgresql" else 2_000
    fill(options.articles)
    user = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "bench@example.invalid", "bench-only"
    )
    client = Client()
    client.force_login(user)
    pages = [
        ("admin article list", "/admin/articles/article/"),
        ("  sorted by citations", "/admin/articles/article/?o=-4"),
        ("admin reference list", "/admin/references/reference/"),
        ("translation queue", "/admin/articles/translationtask/"),
        ("review queue (all waiting)", "/admin/reviews/reviewqueue/?tab=waiting"),
        ("review queue (overdue, due)", "/admin/reviews/reviewqueue/?tab=overdue"),
    ]
    print(f"{options.articles} articles, {connection.vendor}, median of {options.runs} runs")
    for name, url in pages:
        client.get(url)  # warm
        ms, queries = measure(client, url, runs=options.runs)
        print(f"{name:30} {ms:9.1f} ms {queries:4d} queries")


main()
