"""Markup where an identifier belongs (a DOI or URL holding '"><script>', a key holding <b>) is
refused at input with a message saying what is wrong, from a file and in the admin alike."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from references.models import Reference

pytestmark = pytest.mark.django_db

DOI = '10.1234/x"><script>alert(1)</script>'
URL = 'https://example.org/"><script>alert(1)</script>'


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DOI", DOI, f"“{DOI}” is not a DOI: it must look like 10.1234/suffix"),
        ("URL", URL, f"“{URL}” is not a web address"),
        ("URL", "javascript:alert(1)", "“javascript:alert(1)” is not a web address"),
        ("id", "<b>smith</b>2020", "“<b>smith</b>2020” is not a valid citation key"),
    ],
    ids=["doi", "url", "javascript-url", "key"],
)
def test_markup_in_an_identifier_is_refused_with_a_clear_line(tmp_path, variable, value, message):
    path = tmp_path / "library.json"
    path.write_text(json.dumps([{"id": "smith-2020", "title": "T", variable: value}]), encoding="utf-8")
    err = StringIO()

    with pytest.raises(SystemExit):
        call_command("import_references", str(path), stdout=StringIO(), stderr=err)

    (line, summary) = err.getvalue().splitlines()
    assert line.startswith(f"{path}:1: item ") and message in line
    assert summary == "import_references: nothing imported (1 problem)."
    assert not Reference.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("doi", DOI), ("url", URL), ("key", "<b>smith</b>2020")],
)
def test_the_admin_form_refuses_markup_in_an_identifier(field, value):
    reference = Reference(**{"key": "smith-2020", "title": "T", field: value})

    with pytest.raises(ValidationError) as error:
        reference.full_clean()

    assert list(error.value.message_dict) == [field]


@pytest.mark.parametrize(
    "doi",
    ["10.1002/(SICI)1097-4636(199812)43:4<468::AID-JBM15>3.0.CO;2-Z", "10/fqd6hj", "10.1000/ABC.def-1_2"],
)
def test_real_dois_with_unusual_characters_are_accepted(doi):
    Reference(key="real", title="T", doi=doi).full_clean()
