"""manage.py import_article on bad input: one line per problem naming file and line, exit 1,
no traceback, and nothing written."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from textwrap import dedent

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article, Topic
from references.models import Reference
from tests.factories import make_reference

GOOD = """\
---
slug: good-article
lang: en
title: What is the question?
summary: The answer [@good-ref].
topics: [brand-new-topic]
references:
  - id: good-ref
    title: A good study
    DOI: 10.1000/good.1
---

## Section

Text [@good-ref].
"""


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(dedent(text).lstrip("\n").encode(encoding) if isinstance(text, str) else text)
    return path


def failing_import(*paths):
    """Run the command expecting failure; returns the stderr lines."""
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_article", *[str(p) for p in paths], stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert out.getvalue() == ""
    assert "Traceback" not in err.getvalue()
    return err.getvalue().splitlines()


# (file text, line of the problem, words the message contains)
ERROR_CASES = {
    "missing required key": (
        "---\nslug: a\nlang: en\nsummary: A.\n---\n",
        1,
        "no “title”",
    ),
    "empty required key": ("---\nslug: a\nlang: en\ntitle:\nsummary: A.\n---\n", 4, "“title” is empty"),
    "bad slug": ("---\nslug: Knee Dose\nlang: en\ntitle: Q?\nsummary: A.\n---\n", 2, "slug “Knee Dose”"),
    "unknown language": ("---\nslug: a\nlang: fr\ntitle: Q?\nsummary: A.\n---\n", 3, "lang “fr” is not one of: en, zh-hans"),
    "bad status": ("---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\nstatus: live\n---\n", 6, "status “live”"),
    "topics not a list": (
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\ntopics: knee\n---\n",
        6,
        "topics must be a list",
    ),
    "topic not a slug": (
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\ntopics:\n  - knee\n  - Bad Topic\n---\n",
        8,
        "topic “Bad Topic” is not a slug",
    ),
    "references not a list": (
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\nreferences: smith-2024\n---\n",
        6,
        "references must be a list of CSL items",
    ),
    "unknown front-matter key": (
        "---\nslug: a\nlang: en\nauthor: Jane\ntitle: Q?\nsummary: A.\n---\n",
        4,
        "unknown front-matter key “author”",
    ),
    "YAML syntax error": (
        "---\nslug: a\nlang: en\ntitle: Knee: what dose?\nsummary: A.\n---\n",
        4,
        "YAML syntax error in the front matter: mapping values are not allowed here",
    ),
    "no front matter": ("# Just Markdown\n\nText.\n", 1, "no YAML front matter"),
    "front matter not closed": ("---\nslug: a\nlang: en\n", 1, "not closed"),
    "unknown citation key in body": (
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\n---\n\n## One\n\nText [@nobody-2020].\n",
        10,
        "nobody-2020",
    ),
    "unknown citation key in folded summary": (
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: >-\n  The answer\n  [@nobody-2020].\n---\n",
        7,
        "nobody-2020",
    ),
    "unknown citation key in plain multi-line summary": (
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: The answer\n  is cited [@nobody-2020].\n---\n",
        6,
        "nobody-2020",
    ),
    "unknown citation key in literal summary": (
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: |\n  The answer.\n  Cited [@nobody-2020].\n---\n",
        7,
        "nobody-2020",
    ),
    "unknown persona": (
        '---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\n---\nIntro.\n\n::: {audience="astronaut"}\nText.\n:::\n',
        9,
        "astronaut",
    ),
    "bad DOI in references": (
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\nreferences:\n  - id: r1\n    title: T\n    DOI: 11.22/x\n---\n",
        9,
        "“11.22/x” is not a DOI",
    ),
    "bad PMID in references": (
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\nreferences:\n  - id: r1\n    title: T\n    PMID: PMC123\n---\n",
        9,
        "“PMC123” is not a PubMed ID",
    ),
    "reference with a script as its URL": (
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: A.\nreferences:\n  - id: r1\n    URL: javascript:alert(1)\n---\n",
        8,
        "“javascript:alert(1)” is not a web address",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", ERROR_CASES, ids=list(ERROR_CASES))
def test_each_error_names_file_and_line(tmp_path, case):
    text, line, words = ERROR_CASES[case]
    path = write(tmp_path, "article.md", text)

    errors = failing_import(path)

    assert any(e.startswith(f"{path}:{line}: ") and words in e for e in errors), errors
    assert errors[-1].startswith("import_article: nothing imported")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_doi_used_by_another_library_reference_is_an_error(tmp_path):
    make_reference("someone-else", doi="10.1000/GOOD.1")
    path = write(tmp_path, "good.md", GOOD)

    errors = failing_import(path)

    assert f"{path}:10: reference “good-ref”: DOI 10.1000/good.1 is already used by reference “someone-else”." in errors


@pytest.mark.django_db
def test_missing_and_non_utf8_files_are_errors_not_tracebacks(tmp_path):
    latin1 = write(tmp_path, "latin1.md", "---\nslug: a\nlang: en\ntitle: Café?\nsummary: A.\n---\n", "latin-1")
    missing = tmp_path / "missing.md"

    errors = failing_import(latin1, missing)

    assert f"{latin1}:4: the file is not UTF-8 text (byte 0xe9); save it as UTF-8." in errors
    assert f"{missing}: no such file." in errors


@pytest.mark.django_db
def test_every_problem_of_every_file_is_reported_at_once(tmp_path):
    first = write(tmp_path, "first.md", "---\nslug: Bad\nlang: xx\ntitle: Q?\nsummary: A [@nope].\n---\n")
    second = write(tmp_path, "second.md", "no front matter\n")

    errors = failing_import(first, second)

    assert errors[:4] == [
        f"{first}:2: slug “Bad”: use lowercase letters, digits and single hyphens, e.g. msc-knee-dose.",
        f"{first}:3: lang “xx” is not one of: en, zh-hans.",
        f'{first}:5: unknown citation key "nope"',
        f"{second}:1: no YAML front matter: the file must start with a line '---', then slug, lang, title, "
        "summary, then '---'.",
    ]


@pytest.mark.django_db
def test_a_bad_second_file_means_nothing_is_written(tmp_path):
    good = write(tmp_path, "good.md", GOOD)
    bad = write(tmp_path, "bad.md", "---\nslug: other\nlang: en\ntitle: Q?\nsummary: A [@unknown-key].\n---\n")

    errors = failing_import(good, bad)

    assert errors[0] == f'{bad}:5: unknown citation key "unknown-key"'
    assert not Article.objects.exists()
    assert not Topic.objects.filter(slug="brand-new-topic").exists()
    assert not Reference.objects.exists()


@pytest.mark.django_db
def test_the_same_language_version_twice_in_one_call_is_an_error(tmp_path):
    one = write(tmp_path, "one.md", GOOD)
    two = write(tmp_path, "two.md", GOOD)

    errors = failing_import(one, two)

    assert errors[0] == f"{two}:2: {one} already holds “good-article” in en; give each language version once."


# --- through a real process: exit status and stderr as a shell user sees them ---------------


@pytest.fixture(scope="module")
def process_env(tmp_path_factory):
    """Environment for manage.py in a subprocess, on a fresh migrated SQLite database."""
    db = tmp_path_factory.mktemp("cli") / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DJANGO_ENV": "development"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage(env, "migrate", "--no-input", check=True)
    return env


def manage(env, *args, check=False):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=check,
    )


def test_failing_import_in_a_process_exits_1_without_traceback(tmp_path, process_env):
    good = write(tmp_path, "good.md", GOOD)
    bad = write(tmp_path, "bad.md", "---\nslug: other\nlang: en\ntitle: Q?\nsummary: A.\ncolour: red\n---\n")

    result = manage(process_env, "import_article", str(good), str(bad))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{bad}:6: unknown front-matter key “colour” (allowed: slug, lang, title, summary, plain_summary, status, topics, "
        "references, revision).",
        "import_article: nothing imported (1 problem).",
    ]
    exported = manage(process_env, "export_article", "good-article", "--lang", "en")
    assert exported.returncode == 1
    assert exported.stderr.strip() == "export_article: no article with slug “good-article”."
    assert "Traceback" not in exported.stderr


def test_successful_import_in_a_process_exits_0(tmp_path, process_env):
    good = write(tmp_path, "good.md", GOOD)

    result = manage(process_env, "import_article", str(good))

    assert result.returncode == 0, result.stderr
    assert f"{good}: created “good-article” (en)" in result.stdout.splitlines()
    exported = manage(process_env, "export_article", "good-article", "--lang", "en")
    assert exported.returncode == 0
    assert exported.stdout.startswith("---\nslug: good-article\nlang: en\n")
