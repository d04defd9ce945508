"""An incomplete author list survives CSL-JSON import and export: a last "et al." / "others"
name is read as the marker (never as an author) and written back as it came."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from references.csl import parse_item, reference_to_item
from references.models import Reference
from tests.factories import make_reference

pytestmark = pytest.mark.django_db

NAMES = [{"family": "Jo", "given": "Chris Hyunchul"}, {"family": "Lee", "given": "Young Gil"}]


def item(key, *author):
    return {"id": key, "type": "article-journal", "title": "A trial", "author": [*NAMES, *author]}


def import_items(tmp_path, items):
    path = tmp_path / "library.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_references", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def export(*keys):
    out = StringIO()
    call_command("export_references", *keys, stdout=out, stderr=StringIO())
    return {entry["id"]: entry for entry in json.loads(out.getvalue())}


MARKERS = {
    "pandoc": {"literal": "others"},  # Pandoc's reading of BibTeX "and others"
    "zotero": {"literal": "et al."},
    "family": {"family": "others"},
    "no-period": {"literal": "Et al"},
}


def test_each_marker_is_read_as_an_incomplete_list_and_exported_as_it_came(tmp_path):
    items = [item(f"ref-{name}", marker) for name, marker in MARKERS.items()]
    import_items(tmp_path, items)
    for name in MARKERS:
        reference = Reference.objects.get(key=f"ref-{name}")
        assert reference.authors == NAMES  # the marker is not an author
        assert reference.authors_incomplete is True
    exported = export(*(f"ref-{name}" for name in MARKERS))
    for name, marker in MARKERS.items():
        assert exported[f"ref-{name}"]["author"] == [*NAMES, marker]


def test_a_list_without_a_marker_is_complete(tmp_path):
    import_items(tmp_path, [item("complete")])
    reference = Reference.objects.get(key="complete")
    assert (reference.authors, reference.authors_incomplete) == (NAMES, False)
    assert export("complete")["complete"]["author"] == NAMES


def test_a_reference_made_in_the_library_exports_et_al_last():
    make_reference("made-here", authors=NAMES, authors_incomplete=True)
    assert reference_to_item(Reference.objects.get(key="made-here"))["author"] == [*NAMES, {"literal": "et al."}]


def test_changing_the_mark_after_the_import_is_what_is_exported(tmp_path):
    import_items(tmp_path, [item("pandoc", {"literal": "others"}), item("plain")])
    Reference.objects.filter(key="pandoc").update(authors_incomplete=False)
    Reference.objects.filter(key="plain").update(authors_incomplete=True)
    exported = export("pandoc", "plain")
    assert exported["pandoc"]["author"] == NAMES
    assert exported["plain"]["author"] == [*NAMES, {"literal": "et al."}]


def test_export_then_import_changes_nothing(tmp_path):
    import_items(tmp_path, [item("pandoc", {"literal": "others"})])
    first = export("pandoc")
    out, err = import_items(tmp_path, list(first.values()))
    assert err == ""
    assert "unchanged" in out
    assert export("pandoc") == first


@pytest.mark.parametrize(
    "authors, problem",
    [
        ([NAMES[0], {"literal": "et al."}, NAMES[1]], "can only be the last name of the author list"),
        ([{"literal": "others"}], "needs at least one author named before it"),
    ],
)
def test_a_marker_out_of_place_is_one_problem_line(tmp_path, authors, problem):
    out, err = import_items_failing(tmp_path, [{"id": "bad", "title": "A trial", "author": authors}])
    assert problem in err
    assert len([line for line in err.splitlines() if problem in line]) == 1
    assert not Reference.objects.filter(key="bad").exists()


def import_items_failing(tmp_path, items):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit):
        call_command("import_references", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_an_organisation_or_a_person_called_others_in_full_is_an_author():
    fields, problems = parse_item(
        {"id": "x", "author": [{"literal": "Others Foundation"}, {"family": "Others", "given": "Ann"}]}
    )
    assert problems == []
    assert fields["authors_incomplete"] is False
    assert len(fields["authors"]) == 2
