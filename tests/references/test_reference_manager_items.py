"""What reference managers export imports as CSL means it: untitled items, short DOIs, DOIs as
resolver URLs, years BC, season months, URLs without a scheme."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from references.formatting import vancouver_html
from references.models import Reference

pytestmark = pytest.mark.django_db


def import_items(tmp_path, items):
    path = tmp_path / "library.json"
    path.write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_references", str(path), stdout=out, stderr=err)
    assert err.getvalue() == ""
    return out.getvalue().splitlines()


def exported(key):
    out = StringIO()
    call_command("export_references", key, stdout=out)
    return json.loads(out.getvalue())[0]


def test_an_item_without_a_title_imports_and_is_listed_without_one(tmp_path):
    item = {
        "id": "untitled-1998",
        "type": "article-journal",
        "author": [{"family": "Roe", "given": "Jane"}],
        "container-title": "Lancet",
        "issued": {"date-parts": [[1998]]},
        "volume": "351",
        "page": "1-2",
    }

    import_items(tmp_path, [item])

    reference = Reference.objects.get(key="untitled-1998")
    assert reference.title == ""
    assert str(vancouver_html(reference)) == "Roe J. Lancet. 1998;351:1-2."
    assert exported("untitled-1998") == item


def test_a_short_doi_as_better_bibtex_writes_it_is_kept_and_linked(tmp_path):
    import_items(tmp_path, [{"id": "brittain2004", "title": "Perceptions of disability", "DOI": "10/fqd6hj"}])

    reference = Reference.objects.get(key="brittain2004")
    assert reference.doi == "10/fqd6hj"
    assert 'href="https://doi.org/10/fqd6hj"' in str(vancouver_html(reference))


@pytest.mark.parametrize(
    "given",
    [
        "https://doi.org/10.1177/0193723504268729",
        "http://dx.doi.org/10.1177/0193723504268729",
        "doi:10.1177/0193723504268729",
        "https://doi.org/10.1177%2F0193723504268729",
    ],
)
def test_a_doi_given_as_a_resolver_url_is_stored_and_exported_bare(tmp_path, given):
    import_items(tmp_path, [{"id": "brittain2004", "title": "T", "DOI": given}])

    assert Reference.objects.get(key="brittain2004").doi == "10.1177/0193723504268729"
    assert exported("brittain2004")["DOI"] == "10.1177/0193723504268729"


def test_a_doi_differing_only_in_case_is_the_same_doi(tmp_path):
    import_items(tmp_path, [{"id": "a", "title": "A", "DOI": "10.1000/ABC"}])
    path = tmp_path / "second.json"
    path.write_text(json.dumps([{"id": "b", "title": "B", "DOI": "https://doi.org/10.1000/abc"}]), "utf-8")
    err = StringIO()

    with pytest.raises(SystemExit):
        call_command("import_references", str(path), stdout=StringIO(), stderr=err)

    assert f"{path}:1: item b: DOI 10.1000/abc is already used by reference “a”." in err.getvalue()


def test_years_before_1_ad_import_and_show_as_bc(tmp_path):
    item = {"id": "t6", "type": "book", "title": "BC tests 2", "issued": {"date-parts": [[-100, 7, 12], [-44, 3, 15]]}}

    import_items(tmp_path, [item, {"id": "t5", "type": "book", "title": "BC", "issued": {"date-parts": [[-334]]}}])

    reference = Reference.objects.get(key="t6")
    assert (reference.issued_year, reference.issued_month, reference.issued_day) == (-100, 7, 12)
    assert "100 BC Jul 12" in str(vancouver_html(reference))
    assert exported("t6") == item
    assert Reference.objects.get(key="t5").issued_year == -334


@pytest.mark.parametrize("season", [13, 14, 15, 16, 21, 24])
def test_a_season_pseudo_month_keeps_the_year_and_the_season(tmp_path, season):
    item = {"id": "seasonal", "title": "T", "issued": {"date-parts": [[2017, season]]}}

    import_items(tmp_path, [item])

    reference = Reference.objects.get(key="seasonal")
    assert (reference.issued_year, reference.issued_month) == (2017, None)
    assert exported("seasonal") == item


def test_a_url_without_a_scheme_is_kept_and_linked_over_https(tmp_path):
    item = {"id": "report-2020", "type": "report", "title": "Report", "URL": "www.reporturl.com/a?b=1"}

    import_items(tmp_path, [item])

    html = str(vancouver_html(Reference.objects.get(key="report-2020")))
    assert 'href="https://www.reporturl.com/a?b=1"' in html
    assert exported("report-2020")["URL"] == "www.reporturl.com/a?b=1"


@pytest.mark.parametrize("key", ["张2020", "пункт3", "müller2020", "smith:2020/a", "_x1"])
def test_citation_keys_may_hold_any_letter(tmp_path, key):
    import_items(tmp_path, [{"id": key, "title": "T"}])

    assert Reference.objects.filter(key=key).exists()
    assert exported(key)["id"] == key


def test_numbers_stay_numbers_and_strings_stay_strings(tmp_path):
    items = [
        {"id": "numbers", "title": "T", "volume": 12, "issue": 3, "page": 101, "issued": {"date-parts": [[2020, 5]]}},
        {"id": "strings", "title": "T", "volume": "12", "issue": "3", "issued": {"date-parts": [["2020", "5"]]}},
    ]

    import_items(tmp_path, items)

    assert exported("numbers") == items[0]
    assert exported("strings") == items[1]


def test_a_type_and_an_evidence_not_given_are_not_added(tmp_path):
    item = {"id": "bare", "title": "Only a title"}

    import_items(tmp_path, [item])

    assert exported("bare") == item


def test_a_field_changed_after_the_import_is_exported_from_the_library(tmp_path):
    import_items(tmp_path, [{"id": "edited", "title": "Old", "volume": 12, "evidence": "rct"}])
    Reference.objects.filter(key="edited").update(title="New", evidence="cohort")

    assert exported("edited") == {"id": "edited", "title": "New", "volume": 12, "evidence": "cohort"}
