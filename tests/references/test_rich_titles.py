"""CSL rich text in titles: italics, bold, superscript, subscript and small caps on the page,
kept as given in exports, plain words in JSON-LD; nothing else of it reaches a reader."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import make_article, make_reference

pytestmark = pytest.mark.django_db

TITLE = (
    'Killing <i>Staphylococcus aureus</i> with <b>CO<sub>2</sub></b> at 10<sup>8</sup> cells: '
    'the <span style="font-variant:small-caps;">Knee</span> trial of <span class="nocase">iPS</span> cells'
)
JOURNAL = "Journal of <i>Bacteriology</i>"
HOSTILE = 'Trial<script>alert(1)</script><img src=x onerror="alert(2)"> <a href="javascript:alert(3)">link</a>'


@pytest.fixture
def article():
    make_reference("rich", title=TITLE, container_title=JOURNAL, csl_type="article-journal")
    make_reference("hostile", title=HOSTILE, container_title='<span style="color:red" onclick="x">J</span>')
    return make_article("rich-titles", title="Does it work?", summary="Yes [@rich; @hostile].")


def page(client):
    response = client.get("/en/articles/rich-titles/")
    assert response.status_code == 200
    return response.content.decode()


def test_csl_markup_in_titles_shows_as_formatting_on_the_page(client, article):
    html = page(client)

    assert "Killing <i>Staphylococcus aureus</i> with <b>CO<sub>2</sub></b> at 10<sup>8</sup> cells" in html
    assert '<span class="small-caps">Knee</span>' in html
    assert '<span class="nocase">iPS</span>' in html
    assert "Journal of <i>Bacteriology</i>." in html
    assert "&lt;i&gt;" not in html


def test_other_markup_in_titles_does_not_reach_the_reader(client, article):
    html = page(client)
    references = html[html.index('class="reference-list"') :]

    assert "alert(" not in references
    assert "<img" not in references and "onclick" not in references and "javascript:" not in references
    assert "style=" not in references
    assert "Trial link." in references


def test_json_ld_names_sources_in_plain_words(client, article):
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page(client), re.S).group(1))

    names = [work["name"] for work in data["citation"]]
    assert names[0] == "Killing Staphylococcus aureus with CO2 at 108 cells: the Knee trial of iPS cells"
    assert names[1] == "Trial link"


def test_export_writes_rich_titles_as_they_were_given(tmp_path):
    path = tmp_path / "library.json"
    item = {"id": "rich", "type": "article-journal", "title": TITLE, "container-title": JOURNAL}
    path.write_text(json.dumps([item]), encoding="utf-8")
    call_command("import_references", str(path), stdout=StringIO())
    out = StringIO()

    call_command("export_references", stdout=out)

    assert json.loads(out.getvalue()) == [item]
