"""import_article on hostile input (nesting bombs, NUL bytes, lone surrogates): one line per
problem naming file and line, exit 1, no traceback, and the database exactly as it was.

Run on SQLite and on PostgreSQL: PostgreSQL text cannot hold a NUL character at all."""

from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Revision, Version

from articles.models import Article, Topic
from references.models import Reference

pytestmark = pytest.mark.django_db

FRONT = "---\nslug: knee-dose\nlang: en\ntitle: How many cells?\nsummary: One dose.\n"
GOOD = FRONT + "---\n\nBody text.\n"


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def run(*paths):
    out, err = StringIO(), StringIO()
    call_command("import_article", *[str(p) for p in paths], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def database():
    return {
        "articles": list(Article.objects.values_list("slug", "title_en", "summary_en", "body_en", "status")),
        "references": list(Reference.objects.values_list("key", "title", "csl_extra")),
        "topics": list(Topic.objects.values_list("slug", flat=True)),
        "versions": Version.objects.count(),
        "revisions": Revision.objects.count(),
    }


@pytest.fixture
def imported(tmp_path):
    """The article as a first, good import left it: the bad files below try to change it."""
    run(write(tmp_path, "good.md", GOOD))
    return database()


def refused(path):
    """Import expecting failure; the problem lines (the command's closing line checked here)."""
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_article", str(path), stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert out.getvalue() == ""
    assert "Traceback" not in err.getvalue()
    *problems, closing = err.getvalue().splitlines()
    assert closing.startswith("import_article: nothing imported")
    return problems


def test_front_matter_nested_100000_deep_is_one_line(tmp_path, imported):
    path = write(tmp_path, "deep.md", FRONT + "topics: " + "[" * 100_000 + "]" * 100_000 + "\n---\nNew body.\n")

    assert refused(path) == [f"{path}:6: the front matter is nested more than 20 levels deep."]
    assert database() == imported


def test_deep_nesting_hidden_behind_aliases_is_one_line(tmp_path, imported):
    chain = "\n".join(f"    n{i}: &n{i} [*n{i - 1}]" for i in range(1, 30))
    text = FRONT + "references:\n  - id: deep\n    title: T\n    n0: &n0 [x]\n" + chain + "\n---\nNew body.\n"
    path = write(tmp_path, "aliases.md", text)

    problems = refused(path)

    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:")
    assert problems[0].endswith("the front matter is nested more than 20 levels deep.")
    assert database() == imported


def test_billion_laughs_aliases_are_refused_quickly(tmp_path, imported):
    layers = [f"    l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 7)]
    text = FRONT + "references:\n  - id: lol\n    title: T\n    l0: &l0 lol\n" + "\n".join(layers) + "\n---\n"
    path = write(tmp_path, "laughs.md", text)

    problems = refused(path)

    assert problems == [
        f"{path}:13: the front matter is too large once its aliases (*name) are expanded "
        "(more than 10000 values)."
    ]
    assert database() == imported


def test_nul_byte_in_the_body_is_one_line_naming_its_line(tmp_path, imported):
    path = write(tmp_path, "nul.md", (FRONT + "---\n\nFirst line.\nSecond\x00line.\n").encode())

    assert refused(path) == [
        f"{path}:9: the file contains a NUL byte (0x00), which text cannot hold; "
        "is it UTF-16? Save it as UTF-8."
    ]
    assert database() == imported


def test_nul_character_escaped_in_the_front_matter_is_one_line(tmp_path, imported):
    path = write(tmp_path, "escaped.md", FRONT.replace("title: How many cells?", 'title: "How\\0 many?"') + "---\n")

    assert refused(path) == [f"{path}:4: “title” contains a NUL character (U+0000), which text cannot hold."]
    assert database() == imported


def test_nul_character_in_a_reference_is_one_line_at_its_variable(tmp_path, imported):
    text = (
        FRONT.replace("One dose.", "One dose [@smith].")
        + 'references:\n  - id: smith\n    title: A study\n    note: {remark: "a\\0b"}\n---\n'
    )
    path = write(tmp_path, "refnul.md", text)

    assert refused(path) == [
        f"{path}:9: reference “smith”: note contains a NUL character (U+0000), which text cannot hold."
    ]
    assert database() == imported


def test_lone_surrogate_escape_is_one_line(tmp_path, imported):
    path = write(tmp_path, "surrogate.md", FRONT.replace("One dose.", '"One \\ud800 dose."') + "---\n")

    assert refused(path) == [
        f"{path}:5: “summary” contains U+D800, half of a UTF-16 surrogate pair, which is not a character."
    ]
    assert database() == imported
