"""Two import_references runs at once (each with its own database connection): the same new
key makes the second wait and update; the same new DOI under two keys makes the second fail
with one line. A reference saved elsewhere (the admin) at that moment is one line too. Never
an IntegrityError traceback."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from references import csl
from references.models import Reference
from tests.concurrency import needs_postgres, run_at_once
from tests.factories import make_reference


def write(tmp_path, name, items):
    path = tmp_path / name
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_imports_creating_the_same_key_at_once_both_succeed(tmp_path, monkeypatch):
    first = write(tmp_path, "first.json", [{"id": "smith-2024", "title": "First title"}])
    second = write(tmp_path, "second.json", [{"id": "smith-2024", "title": "Second title"}])

    results = run_at_once(
        monkeypatch, Reference, [("import_references", str(first)), ("import_references", str(second))]
    )

    assert [outcome for outcome, _out, _err in results] == [0, 0]
    assert all(err == "" for _outcome, _out, err in results)
    reports = " ".join(out for _outcome, out, _err in results)
    assert "created reference “smith-2024”" in reports and "updated reference “smith-2024”" in reports
    assert Reference.objects.get(key="smith-2024").title in ("First title", "Second title")


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_imports_giving_one_new_doi_to_two_keys_at_once_fail_one_with_one_line(tmp_path, monkeypatch):
    first = write(tmp_path, "first.json", [{"id": "smith-a", "title": "A", "DOI": "10.1000/same.1"}])
    second = write(tmp_path, "second.json", [{"id": "smith-b", "title": "B", "DOI": "10.1000/SAME.1"}])

    results = run_at_once(
        monkeypatch, Reference, [("import_references", str(first)), ("import_references", str(second))]
    )

    assert sorted(outcome for outcome, _out, _err in results if not isinstance(outcome, Exception)) == [0, 1]
    (winner,) = Reference.objects.all()
    loser_path, loser_key = (second, "smith-b") if winner.key == "smith-a" else (first, "smith-a")
    (failed,) = [err for outcome, _out, err in results if outcome == 1]
    assert failed.splitlines() == [
        f"{loser_path}:1: item {loser_key}: DOI {'10.1000/SAME.1' if loser_key == 'smith-b' else '10.1000/same.1'} "
        f"is already used by reference “{winner.key}”.",
        "import_references: nothing imported (1 problem).",
    ]


@pytest.mark.django_db
def test_a_doi_saved_elsewhere_at_the_same_moment_is_one_line_and_nothing_imported(tmp_path, monkeypatch):
    """The admin (which does not wait for imports) saved the DOI after the import checked it."""
    path = write(
        tmp_path,
        "library.json",
        [{"id": "fine-1", "title": "Fine"}, {"id": "smith-b", "title": "B", "DOI": "10.1000/same.1"}],
    )
    make_reference(key="smith-a", doi="10.1000/same.1")
    monkeypatch.setattr(csl, "_library_problems", lambda fields, existing: [])  # checked before the admin saved
    err = StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command("import_references", str(path), stdout=StringIO(), stderr=err)

    assert exit_info.value.code == 1
    assert "Traceback" not in err.getvalue()
    assert err.getvalue().splitlines() == [
        f"{path}: another reference with this key, DOI or PMID was saved at the same moment; "
        "nothing was imported: run the import again.",
        "import_references: nothing imported (1 problem).",
    ]
    assert list(Reference.objects.values_list("key", flat=True)) == ["smith-a"]
