"""A large import is written in a few statements (references/bulk.py): as many for 300 items as
for 10, whether it creates or changes them; every change is saved and stamped; and a new
reference never takes the id of a deleted one, whose history stays its own."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from references.models import Reference

pytestmark = pytest.mark.django_db


PMID_START = {"ref": 1000, "few": 5000, "new": 6000, "warm-up": 7000}


def library(count, *, title="Study", prefix="ref"):
    return [
        {
            "id": f"{prefix}-{n}", "type": "article-journal", "title": f"{title} {n}",
            "author": [{"family": f"Family{n}", "given": "Anna"}], "container-title": "Journal of Examples",
            "container-title-short": "J Ex", "issued": {"date-parts": [[2020, 1 + n % 12]]}, "volume": n,
            "DOI": f"10.1000/{prefix}.{n}", "PMID": str(PMID_START[prefix] + n), "abstract": "Words " * 20,
        }
        for n in range(count)
    ]


def run_import(tmp_path, items, name="library.json"):
    path = tmp_path / name
    path.write_text(json.dumps(items), encoding="utf-8")
    with CaptureQueriesContext(connection) as queries:
        call_command("import_references", str(path), stdout=StringIO())
    return Statements(query["sql"] for query in queries)


class Statements(list):
    """The SQL statements of an import; equal to another's when there are as many."""

    def __eq__(self, other):
        return len(self) == len(other)

    def __repr__(self):
        return f"{len(self)} statements:\n" + "\n".join(sql[:100] for sql in self)


def test_creating_300_references_takes_as_many_statements_as_creating_10(tmp_path):
    run_import(tmp_path, library(1, prefix="warm-up"), "warm-up.json")  # content types cached, as in a running site
    few = run_import(tmp_path, library(10, prefix="few"))
    many = run_import(tmp_path, library(300, prefix="ref"))

    assert Reference.objects.count() == 311
    assert many == few, f"{few!r}\n{many!r}"


def test_changing_300_references_takes_as_many_statements_as_changing_10(tmp_path):
    run_import(tmp_path, library(10, prefix="few") + library(300, prefix="ref"))

    few = run_import(tmp_path, library(10, prefix="few", title="Revised study"), "few.json")
    many = run_import(tmp_path, library(300, prefix="ref", title="Revised study"), "many.json")

    assert many == few, f"{few!r}\n{many!r}"
    assert Reference.objects.filter(title__startswith="Revised study").count() == 310


def test_every_change_is_saved_stamped_and_recorded(tmp_path):
    run_import(tmp_path, library(50))
    before = {ref.key: ref for ref in Reference.objects.all()}
    items = library(50)
    for item in items[::2]:
        item["title"] += ", corrected"
        item["author"].append({"literal": "Study Group"})

    run_import(tmp_path, items, "corrected.json")

    for ref in Reference.objects.all():
        old, number = before[ref.key], int(ref.key.split("-")[1])
        corrected = number % 2 == 0
        assert ref.title == f"Study {number}" + (", corrected" if corrected else "")
        assert len(ref.authors) == (2 if corrected else 1)
        assert ref.created_at == old.created_at
        assert (ref.updated_at > old.updated_at) == corrected
    (latest,) = Version.objects.order_by("-revision_id", "-pk")[:1]
    versions = Version.objects.filter(revision_id=latest.revision_id)
    assert sorted(int(v.object_id) for v in versions) == sorted(before[f"ref-{n}"].pk for n in range(0, 50, 2))
    assert {v.field_dict["title"] for v in versions} == {f"Study {n}, corrected" for n in range(0, 50, 2)}


def test_a_new_reference_never_takes_the_id_of_a_deleted_one(tmp_path):
    run_import(tmp_path, library(3))
    deleted = Reference.objects.get(key="ref-2")
    deleted_pk = deleted.pk
    deleted.delete()

    run_import(tmp_path, library(2, prefix="new"), "new.json")

    assert min(Reference.objects.filter(key__startswith="new-").values_list("pk", flat=True)) > deleted_pk
    (recoverable,) = Version.objects.get_deleted(Reference)
    assert recoverable.field_dict["key"] == "ref-2"
