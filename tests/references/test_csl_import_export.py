"""manage.py import_references / export_references: CSL-JSON (as from Zotero) in and out."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Version

from references.csl import parse_item, reference_to_item
from references.models import Reference
from tests.factories import make_reference

pytestmark = pytest.mark.django_db

ZOTERO_ITEMS = [
    {
        "id": "li-2025",
        "type": "article-journal",
        "title": "Stem cells for knee osteoarthritis: a randomised trial",
        "container-title": "The Knee",
        "container-title-short": "Knee",
        "page": "1-10",
        "volume": 12,
        "issue": "3",
        "source": "PubMed",
        "abstract": "Background: ...",
        "DOI": "https://doi.org/10.1016/j.knee.2025.01.002",
        "ISSN": "0968-0160",
        "PMID": "39999999",
        "language": "eng",
        "author": [
            {"family": "Li", "given": "Wei"},
            {"family": "Berg", "given": "Ann", "non-dropping-particle": "van"},
        ],
        "editor": [{"family": "Editor", "given": "E."}],
        "accessed": {"date-parts": [["2025", 5, 1]]},
        "issued": {"date-parts": [["2025", "2", 3]]},
    },
    {
        "id": "who-2024",
        "type": "report",
        "title": "WHO guideline on osteoarthritis",
        "publisher": "World Health Organization",
        "author": [{"literal": "World Health Organization"}],
        "issued": {"raw": "2024-06"},
        "evidence": "guideline",
        "note": "Zotero note",
    },
    {
        "id": "withdrawn-2019",
        "type": "article-journal",
        "title": "A withdrawn study",
        "issued": {"date-parts": [[2019, 21]]},  # CSL season (spring)
        "retracted": True,
    },
]


def import_json(tmp_path, items, name="library.json"):
    path = tmp_path / name
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_references", str(path), stdout=out, stderr=err)
    return path, out.getvalue().splitlines()


def failing_import(path):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_references", str(path), stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert "Traceback" not in err.getvalue()
    return err.getvalue().splitlines()


def export_json(*keys):
    out = StringIO()
    call_command("export_references", *keys, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_zotero_array_is_imported_with_every_field(tmp_path):
    path, out = import_json(tmp_path, ZOTERO_ITEMS)

    assert out[-1] == f"{path}: 3 references: 3 created, 0 updated, 0 unchanged"
    li = Reference.objects.get(key="li-2025")
    assert li.doi == "10.1016/j.knee.2025.01.002"
    assert (li.issued_year, li.issued_month, li.issued_day) == (2025, 2, 3)
    assert (li.volume, li.pages, li.container_title) == ("12", "1-10", "The Knee")
    assert li.csl_extra["ISSN"] == "0968-0160"
    assert li.csl_extra["editor"] == [{"family": "Editor", "given": "E."}]
    who = Reference.objects.get(key="who-2024")
    assert (who.issued_year, who.issued_month, who.evidence) == (2024, 6, "guideline")
    withdrawn = Reference.objects.get(key="withdrawn-2019")
    assert withdrawn.retracted and withdrawn.issued_year == 2019 and withdrawn.issued_month is None


def test_export_gives_back_each_item_as_imported_with_the_doi_in_its_normal_form(tmp_path):
    import_json(tmp_path, ZOTERO_ITEMS)

    items = {item["id"]: item for item in export_json()}

    assert items["li-2025"] == {**ZOTERO_ITEMS[0], "DOI": "10.1016/j.knee.2025.01.002"}
    assert list(items["li-2025"])[:4] == ["id", "type", "title", "author"]  # one order on every database
    assert items["who-2024"] == ZOTERO_ITEMS[1]
    assert items["withdrawn-2019"] == ZOTERO_ITEMS[2]  # the season is kept
    assert "evidence" not in items["li-2025"]  # not given, not added


def test_a_reference_made_in_the_admin_exports_in_a_stable_order():
    make_reference("admin-made", title="Made by hand", doi="10.1000/hand", volume="12", issued_year=2024)

    (item,) = export_json("admin-made")

    assert list(item)[:4] == ["id", "type", "evidence", "title"]
    assert item["volume"] == "12"


def test_reimporting_the_export_changes_nothing(tmp_path):
    import_json(tmp_path, ZOTERO_ITEMS)
    saved = dict(Reference.objects.values_list("key", "updated_at"))
    exported = export_json()

    path, out = import_json(tmp_path, exported, name="exported.json")

    assert out == [f"{path}: 3 references: 0 created, 0 updated, 3 unchanged"]
    assert dict(Reference.objects.values_list("key", "updated_at")) == saved
    assert export_json() == exported


def test_same_key_with_new_data_updates_the_reference(tmp_path):
    make_reference("who-2024", title="Old title", doi="10.9999/old")

    path, out = import_json(tmp_path, ZOTERO_ITEMS[1:2])

    reference = Reference.objects.get(key="who-2024")
    assert reference.title == "WHO guideline on osteoarthritis"
    assert reference.doi == ""
    assert f"{path}: updated reference “who-2024”" in out
    assert Version.objects.get_for_object(reference).get().revision.comment == f"Imported from {path}"


def test_bad_doi_and_pmid_are_errors_naming_the_item(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps([
            {"id": "fine", "title": "Fine"},
            {"id": "bad-ids", "title": "T", "DOI": "doi:11.1/x", "PMID": "PMC12345"},
        ]),
        encoding="utf-8",
    )

    errors = failing_import(path)

    assert errors == [
        f"{path}:1: item bad-ids: “11.1/x” is not a DOI: it must look like 10.1234/suffix (or a short DOI, 10/abc12), without spaces, quotes or markup.",
        f"{path}:1: item bad-ids: “PMC12345” is not a PubMed ID: it must be 1 to 9 digits.",
        "import_references: nothing imported (2 problems).",
    ]
    assert not Reference.objects.exists()


def test_doi_of_another_library_reference_is_an_error(tmp_path):
    make_reference("existing", doi="10.1016/J.KNEE.2025.01.002", pmid="39999999")
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(ZOTERO_ITEMS[:1]), encoding="utf-8")

    errors = failing_import(path)

    assert errors[:2] == [
        f"{path}:1: item li-2025: DOI 10.1016/j.knee.2025.01.002 is already used by reference “existing”.",
        f"{path}:1: item li-2025: PMID 39999999 is already used by reference “existing”.",
    ]


def test_one_doi_under_two_keys_in_one_file_is_an_error(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text(
        json.dumps([{"id": "a", "title": "A", "DOI": "10.1234/x"}, {"id": "b", "title": "B", "DOI": "10.1234/X"}]),
        encoding="utf-8",
    )

    errors = failing_import(path)

    assert errors[0] == f"{path}:1: item b: DOI 10.1234/X is also given for reference “a”."


def test_one_bad_item_means_nothing_is_imported(tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([*ZOTERO_ITEMS, {"id": "bad key!", "title": "T", "evidence": "hearsay"}]), "utf-8")

    errors = failing_import(path)

    assert errors[0].startswith(f"{path}:1: item bad key!: “bad key!” is not a valid citation key")
    assert errors[1].startswith(f"{path}:1: item bad key!: evidence “hearsay” is not one of: guideline,")
    assert not Reference.objects.exists()


def test_json_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"id": "a",\n   "title": "A"\n  \n', encoding="utf-8")

    errors = failing_import(path)

    assert errors[0].startswith(f"{path}:5: invalid JSON: ")


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    errors = failing_import(tmp_path / "nowhere.json")
    assert errors[0] == f"{tmp_path / 'nowhere.json'}: no such file."


def test_export_of_unknown_keys_is_an_error():
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("export_references", "nope", stdout=StringIO(), stderr=err)
    assert err.getvalue() == "export_references: no reference “nope”.\n"


@pytest.mark.parametrize(
    ("issued", "parts"),
    [
        ({"date-parts": [[2025, 3, 14]]}, (2025, 3, 14)),
        ({"date-parts": [["2025"]]}, (2025, None, None)),
        ({"raw": "2025-03-14"}, (2025, 3, 14)),
        ({"raw": "March 2025"}, (2025, None, None)),
        ({"literal": "2025"}, (2025, None, None)),
        ({"literal": "n.d."}, (None, None, None)),
    ],
)
def test_issued_dates_from_zotero_are_read(issued, parts):
    fields, problems = parse_item({"id": "x", "title": "T", "issued": issued})
    assert problems == []
    assert (fields["issued_year"], fields["issued_month"], fields["issued_day"]) == parts
    reference = Reference(**fields)
    exported = reference_to_item(reference)
    assert parse_item(exported)[0] == fields  # export and re-import agree


def test_issued_numbers_out_of_range_are_problems():
    _fields, problems = parse_item({"id": "x", "title": "T", "issued": {"date-parts": [[2025, 17, 40]]}})
    assert [p.message for p in problems] == [
        "issued month 17 is neither a month (1-12) nor a season (13-16, 21-24).",
        "issued day 40 is not between 1 and 31.",
    ]


def test_exported_names_read_family_then_given_whatever_the_stored_order():
    reference = Reference(key="x", title="T", authors=[{"given": "Anna", "suffix": "Jr", "family": "Smith"}])
    assert list(reference_to_item(reference)["author"][0]) == ["family", "given", "suffix"]
