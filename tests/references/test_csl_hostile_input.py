"""import_references on hostile or wrong-shaped CSL-JSON: one line per problem, exit 1, no
traceback, and the library exactly as it was.

Run on SQLite and on PostgreSQL: PostgreSQL text and jsonb cannot hold a NUL character."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Revision

from references.models import Reference
from tests.factories import make_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    """One reference the bad files try to change; returns the library as it was."""
    make_reference(key="smith-2024", title="A study", doi="10.1000/smith.1")
    return library_now()


def library_now():
    return {
        "references": list(Reference.objects.values_list("key", "title", "csl_extra", "updated_at")),
        "revisions": Revision.objects.count(),
    }


def write(tmp_path, text):
    path = tmp_path / "library.json"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_references", str(path), stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert out.getvalue() == ""
    assert "Traceback" not in err.getvalue()
    *problems, closing = err.getvalue().splitlines()
    assert closing.startswith("import_references: nothing imported")
    return problems


def test_json_nested_100000_deep_is_one_line(tmp_path, library):
    deep = "[" * 100_000 + "]" * 100_000
    path = write(tmp_path, '[\n  {"id": "smith-2024", "title": "New",\n   "note": ' + deep + "}\n]\n")

    assert refused(path) == [
        f"{path}:3: the JSON is nested more than 50 levels deep; CSL-JSON items are never that deep."
    ]
    assert library_now() == library


def test_a_single_object_instead_of_an_array_is_an_error(tmp_path, library):
    path = write(tmp_path, json.dumps({"id": "smith-2024", "title": "Changed"}))

    assert refused(path) == [
        f"{path}:1: CSL-JSON must be an array of items, [{{...}}, ...], not a single object: "
        "put the object between [ and ]."
    ]
    assert library_now() == library


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        ({"title": "Nul\u0000title"}, "title contains a NUL character (U+0000), which text cannot hold."),
        (
            {"title": "T", "abstract": {"parts": ["fine", "nul\u0000here"]}},
            "abstract contains a NUL character (U+0000), which text cannot hold.",
        ),
        (
            {"title": "Half \ud83d pair"},
            "title contains U+D83D, half of a UTF-16 surrogate pair, which is not a character.",
        ),
    ],
    ids=["nul-in-title", "nul-deep-in-extra", "lone-surrogate"],
)
def test_characters_text_cannot_hold_are_one_line_naming_the_item(tmp_path, library, item, problem):
    path = write(tmp_path, json.dumps([{"id": "smith-2024", **item}]))  # \u escapes in the file

    assert refused(path) == [f"{path}:1: item smith-2024: {problem}"]
    assert library_now() == library


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("NaN", "NaN is not a JSON number."),
        ("-Infinity", "-Infinity is not a JSON number."),
        ("1e400", "the number 1e400 is too large."),
        ("9" * 5000, "a number with 5000 digits is too long."),
    ],
    ids=["nan", "infinity", "overflow", "5000-digits"],
)
def test_numbers_json_cannot_hold_are_one_line(tmp_path, library, value, problem):
    path = write(tmp_path, '[\n  {"id": "smith-2024",\n   "title": "New",\n   "size": ' + value + "}\n]\n")

    assert refused(path) == [f"{path}:4: {problem}"]
    assert library_now() == library
