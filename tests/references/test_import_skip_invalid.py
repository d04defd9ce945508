"""import_references --skip-invalid: the valid items go in, the refused ones are listed one line
each with the line of the file where the item starts; without it, all or nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from references.models import Reference

pytestmark = pytest.mark.django_db

# Items as Zotero writes them, one variable a line; the bad ones start on lines 7 and 12.
LIBRARY = """[
  {
    "id": "good-1",
    "title": "A fine study",
    "DOI": "10.1000/fine.1"
  },
  {
    "id": "bad-doi",
    "title": "A study with a broken DOI",
    "DOI": "11.1/x"
  },
  {
    "id": "bad key!",
    "title": "A study with a broken key"
  },
  {"id": "good-2", "title": "Another fine study"}
]
"""


def run(tmp_path, *options):
    path = tmp_path / "zotero.json"
    path.write_text(LIBRARY, encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_references", str(path), *options, stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert "Traceback" not in err.getvalue()
    return path, out.getvalue().splitlines(), err.getvalue().splitlines()


def test_skip_invalid_imports_the_valid_items_and_lists_the_refused_ones_by_line(tmp_path):
    path, out, err = run(tmp_path, "--skip-invalid")

    assert sorted(Reference.objects.values_list("key", flat=True)) == ["good-1", "good-2"]
    assert err[0] == f"{path}:7: item bad-doi: “11.1/x” is not a DOI: it must look like 10.1234/suffix (or a short DOI, 10/abc12), without spaces, quotes or markup."
    assert err[1].startswith(f"{path}:12: item bad key!: “bad key!” is not a valid citation key")
    assert len(err) == 2
    assert out[-1] == f"{path}: 2 references: 2 created, 0 updated, 0 unchanged, 2 items refused"


def test_without_skip_invalid_one_bad_item_means_nothing_is_imported(tmp_path):
    path, _out, err = run(tmp_path)

    assert not Reference.objects.exists()
    assert err[:2] == [
        f"{path}:7: item bad-doi: “11.1/x” is not a DOI: it must look like 10.1234/suffix (or a short DOI, 10/abc12), without spaces, quotes or markup.",
        err[1],
    ]
    assert err[1].startswith(f"{path}:12: item bad key!:")
    assert err[-1] == "import_references: nothing imported (2 problems)."
