"""Real CSL-JSON from public sources (tests/references/fixtures/README.md): every item imports,
and exporting gives each item back as it was given (DOIs in their normal form)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from references.models import Reference, normalize_doi

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
FILES = sorted(FIXTURES.glob("*.csl.json"))


def as_exported(item):
    """What the export writes for an imported item: DOIs in the normal form, nothing else changed."""
    if isinstance(item.get("DOI"), str):
        return {**item, "DOI": normalize_doi(item["DOI"])}
    return item


def test_the_fixture_holds_at_least_a_hundred_real_items():
    assert sum(len(json.loads(path.read_text("utf-8"))) for path in FILES) >= 100


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_every_real_item_imports_and_exports_as_it_was_given(path):
    items = json.loads(path.read_text("utf-8"))
    out, err = StringIO(), StringIO()

    call_command("import_references", str(path), stdout=out, stderr=err)

    assert err.getvalue() == ""
    assert out.getvalue().splitlines()[-1] == (
        f"{path}: {len(items)} references: {len(items)} created, 0 updated, 0 unchanged"
    )
    exported = StringIO()
    call_command("export_references", stdout=exported)
    by_key = {str(item["id"]): item for item in json.loads(exported.getvalue())}
    for item in items:
        assert by_key[str(item["id"])] == as_exported(item), item["id"]


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_importing_the_export_of_real_items_changes_nothing(path, tmp_path):
    call_command("import_references", str(path), stdout=StringIO())
    exported = tmp_path / "exported.json"
    call_command("export_references", "--output", str(exported), stdout=StringIO())
    saved = dict(Reference.objects.values_list("key", "updated_at"))
    out = StringIO()

    call_command("import_references", str(exported), stdout=out)

    count = len(saved)
    assert out.getvalue().splitlines() == [f"{exported}: {count} references: 0 created, 0 updated, {count} unchanged"]
    assert dict(Reference.objects.values_list("key", "updated_at")) == saved
