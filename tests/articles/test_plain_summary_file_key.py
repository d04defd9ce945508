"""The optional `plain_summary` front-matter key: imported, exported, and left alone when absent."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.django_db

FILE = """---
slug: knee-dose
lang: en
title: What dose?
summary: A middle dose.
plain_summary: |-
  Short words for you.

  A second paragraph.
status: published
---
## Dose

Text.
"""


def run_import(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_article", *args, str(path), stdout=out, stderr=err)
    assert err.getvalue() == ""
    return out.getvalue()


def export(slug, lang):
    out = StringIO()
    call_command("export_article", slug, "--lang", lang, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_imported_plain_summary_is_stored_and_exported_again(tmp_path):
    path = tmp_path / "knee.en.md"
    path.write_bytes(FILE.replace("\n", "\r\n").encode())
    run_import(path)
    article = Article.objects.get(slug="knee-dose")
    assert article.text("plain_summary", "en") == "Short words for you.\n\nA second paragraph."

    exported = export("knee-dose", "en")
    assert "plain_summary: |-\n  Short words for you.\n\n  A second paragraph.\n" in exported
    again = tmp_path / "again.en.md"
    again.write_text(exported, encoding="utf-8")
    assert "unchanged" in run_import(again)


def test_file_without_plain_summary_keeps_the_stored_one(tmp_path):
    path = tmp_path / "knee.en.md"
    path.write_text(FILE, encoding="utf-8")
    run_import(path)
    without = tmp_path / "without.en.md"
    without.write_text(FILE.replace("plain_summary: |-\n  Short words for you.\n\n  A second paragraph.\n", ""))
    run_import(without, "--force")
    assert Article.objects.get(slug="knee-dose").text("plain_summary", "en").startswith("Short words")


def test_article_without_plain_summary_exports_no_such_key(tmp_path):
    path = tmp_path / "knee.en.md"
    path.write_text(FILE.replace("plain_summary: |-\n  Short words for you.\n\n  A second paragraph.\n", ""))
    run_import(path)
    assert "plain_summary" not in export("knee-dose", "en")


def test_plain_summary_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "knee.en.md"
    block = "plain_summary: |-\n  Short words for you.\n\n  A second paragraph.\n"
    path.write_text(FILE.replace(block, "plain_summary: [a, list]\n"))
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("import_article", str(path), stdout=StringIO(), stderr=err)
    assert f"{path}:6: plain_summary must be text." in err.getvalue().splitlines()
    assert not Article.objects.filter(slug="knee-dose").exists()
