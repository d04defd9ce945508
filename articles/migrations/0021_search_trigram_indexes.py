"""Trigram indexes for the search's substring stage (PostgreSQL only).

When full text finds nothing (a misspelt word, part of a Chinese word), the search looks
for substrings of the folded text with LIKE '%...%'; without these indexes that read every
search document: about a second for a query matching nothing at 100,000 articles, a page
any reader can request. pg_trgm is a trusted extension (PostgreSQL 13+): the database's
owner may create it.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

COLUMNS = ("title", "answer", "topics", "body")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in COLUMNS:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS articlesearch_{column}_trgm "
                f"ON articles_articlesearch USING gin ({column} gin_trgm_ops)"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS articlesearch_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_related_list")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
