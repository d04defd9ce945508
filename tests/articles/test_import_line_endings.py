"""Imported text is stored with LF line endings only, whatever the file used: CRLF (Windows),
lone CR (old Mac), or \\r escapes inside YAML and JSON strings."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from references.models import Reference

pytestmark = pytest.mark.django_db

ARTICLE = (
    "---\n"
    "slug: knee-dose\n"
    "lang: en\n"
    "title: How many cells?\n"
    "summary: |\n"
    "  One dose [@smith].\n"
    "  Then rest.\n"
    "references:\n"
    "  - id: smith\n"
    '    title: "A study\\r\\nof knees"\n'
    '    note: "first\\rsecond"\n'
    "---\n"
    "\n"
    "## Background\n"
    "\n"
    "First paragraph.\n"
    "Second line.\n"
)


def import_file(tmp_path, newline):
    path = tmp_path / "knee.md"
    path.write_bytes(ARTICLE.replace("\n", newline).encode("utf-8"))
    call_command("import_article", str(path), stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_article_file_with_other_line_endings_is_stored_with_lf(tmp_path, newline):
    import_file(tmp_path, newline)

    article = Article.objects.get(slug="knee-dose")
    assert article.text("summary", "en") == "One dose [@smith].\nThen rest."
    assert article.text("body", "en") == "## Background\n\nFirst paragraph.\nSecond line."
    reference = Reference.objects.get(key="smith")
    assert reference.title == "A study\nof knees"
    assert reference.csl_extra == {"note": "first\nsecond"}


def test_csl_json_strings_with_cr_are_stored_with_lf(tmp_path):
    path = tmp_path / "library.json"
    items = [{"id": "smith", "title": "A study\r\nof knees", "abstract": "One.\rTwo.\r\nThree."}]
    path.write_text(json.dumps(items).replace("\n", "\r\n"), encoding="utf-8")

    call_command("import_references", str(path), stdout=StringIO(), stderr=StringIO())

    reference = Reference.objects.get(key="smith")
    assert reference.title == "A study\nof knees"
    assert reference.csl_extra == {"abstract": "One.\nTwo.\nThree."}


def test_reimporting_the_same_file_with_crlf_changes_nothing(tmp_path):
    import_file(tmp_path, "\n")
    before = Reference.objects.get(key="smith").updated_at, Article.objects.get(slug="knee-dose").updated_at

    import_file(tmp_path, "\r\n")

    assert (Reference.objects.get(key="smith").updated_at, Article.objects.get(slug="knee-dose").updated_at) == before
