"""An article's reference list downloads as CSL-JSON, BibTeX and RIS, each parsing back
to exactly the references of the list shown, in its order."""

import json

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from tests.articles.imported_article import import_bilingual_article
from tests.factories import make_article, make_reference

BODY = (
    "## Evidence\n\nThe trial [@trial-b] and the guideline [@guide-a] agree; the trial again [@trial-b].\n\n"
    "::: {audience=\"physician\"}\nDosing details [@dosing-c].\n:::\n"
)


@pytest.fixture
def article(db):
    make_reference(
        "guide-a",
        title="Knee osteoarthritis: care & management {2024}",
        csl_type="report",
        evidence="guideline",
        authors=[{"literal": "National Guideline Centre"}],
        publisher="NICE",
        issued_year=2024,
        issued_month=3,
        url="https://example.org/guideline",
    )
    make_reference(
        "trial-b",
        title="Injected cells for knee pain: a 50% improvement?",
        authors=[{"family": "Smith", "given": "Anna"}, {"family": "Jones", "given": "Ben C."}],
        container_title="Journal of Examples",
        issued_year=2023,
        volume="12",
        issue="3",
        pages="101-110",
        doi="10.1000/trial_b",
        pmid="12345678",
    )
    make_reference("dosing-c", title="Dose finding in knee injections")
    make_reference("uncited", title="A source this article does not cite")
    return make_article(
        "knee-cells",
        summary="Cells may help [@guide-a].",
        body=BODY,
        title_zh_hans="膝关节注射细胞有用吗？",
        summary_zh_hans="可能有帮助 [@trial-b]。",
        body_zh_hans="",
    )


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_csl_json_lists_the_cited_references_in_list_order(client, article):
    response = _get(client, "/en/articles/knee-cells/references.json?persona=patient")
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="knee-cells-en-references.json"'
    items = json.loads(response.content)
    assert [item["id"] for item in items] == ["guide-a", "trial-b"]
    assert items[1]["DOI"] == "10.1000/trial_b"
    assert items[1]["author"][1] == {"family": "Jones", "given": "Ben C."}


def test_bibtex_parses_back_with_the_cited_references_in_order(client, article):
    response = _get(client, "/en/articles/knee-cells/references.bib?persona=patient")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="knee-cells-en-references.bib"'
    library = bibtexparser.parse_string(response.content.decode(), append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == ["guide-a", "trial-b"]
    guideline, trial = (entry.fields_dict for entry in library.entries)
    assert library.entries[0].entry_type == "techreport"
    assert guideline["title"].value == "Knee osteoarthritis: care & management {2024}"
    assert guideline["institution"].value == "NICE"
    assert library.entries[1].entry_type == "article"
    assert trial["title"].value == "Injected cells for knee pain: a 50% improvement?"
    assert trial["author"].value == "Smith, Anna and Jones, Ben C."
    assert trial["journal"].value == "Journal of Examples"
    assert trial["pages"].value == "101–110"  # written as LaTeX's "101--110"
    assert "{101--110}" in response.content.decode()
    assert trial["doi"].value == "10.1000/trial_b"


def test_ris_parses_back_with_the_cited_references_in_order(client, article):
    response = _get(client, "/en/articles/knee-cells/references.ris?persona=patient")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="knee-cells-en-references.ris"'
    text = response.content.decode()
    assert all(record.lstrip().startswith("TY  - ") for record in text.split("ER  -")[:-1])  # no "1." lines
    entries = rispy.loads(text)
    assert [entry["id"] for entry in entries] == ["guide-a", "trial-b"]
    guideline, trial = entries
    assert guideline["type_of_reference"] == "RPRT"
    assert guideline["authors"] == ["National Guideline Centre"]
    assert guideline["date"].startswith("2024/03/")
    assert trial["type_of_reference"] == "JOUR"
    assert trial["title"] == "Injected cells for knee pain: a 50% improvement?"
    assert trial["authors"] == ["Smith, Anna", "Jones, Ben C."]
    assert trial["secondary_title"] == "Journal of Examples"
    assert (trial["start_page"], trial["end_page"]) == ("101", "110")
    assert trial["doi"] == "10.1000/trial_b"
    assert trial["accession_number"] == "12345678"


def test_a_physician_downloads_the_list_a_physician_sees(client, article):
    page = client.get("/en/articles/knee-cells/?persona=physician").content.decode()
    assert "/en/articles/knee-cells/references.ris?persona=physician" in page
    entries = rispy.loads(_get(client, "/en/articles/knee-cells/references.ris?persona=physician").content.decode())
    assert [entry["id"] for entry in entries] == ["guide-a", "trial-b", "dosing-c"]


def test_the_chinese_page_downloads_what_the_chinese_version_cites(client, article):
    response = _get(client, "/zh-hans/articles/knee-cells/references.bib")
    assert response["Content-Disposition"] == 'attachment; filename="knee-cells-zh-hans-references.bib"'
    library = bibtexparser.parse_string(response.content.decode())
    assert [entry.key for entry in library.entries] == ["trial-b"]


def test_a_chinese_only_article_downloads_its_chinese_references(client, db):
    make_reference("zhang2020", title="间充质干细胞治疗膝骨关节炎", authors=[{"family": "张", "given": "伟"}])
    make_article("zh-only", lang="zh-hans", title="干细胞有用吗？", summary="可能有用 [@zhang2020]。")
    bib = bibtexparser.parse_string(_get(client, "/zh-hans/articles/zh-only/references.bib").content.decode())
    assert [(entry.key, entry["title"], entry["author"]) for entry in bib.entries] == [
        ("zhang2020", "间充质干细胞治疗膝骨关节炎", "张, 伟")
    ]
    ris = rispy.loads(_get(client, "/en/articles/zh-only/references.ris").content.decode())
    assert [(entry["id"], entry["authors"]) for entry in ris] == [("zhang2020", ["张, 伟"])]


def test_the_page_offers_the_three_downloads_next_to_the_reference_list(client, article):
    html = client.get("/en/articles/knee-cells/").content.decode()
    references = html[html.index('class="references"'):]
    for ext in ("ris", "bib", "json"):
        assert f'href="/en/articles/knee-cells/references.{ext}' in references


def test_an_imported_article_exports_the_references_its_file_defined(client, editor, tmp_path):
    import_bilingual_article(tmp_path, editor.username)
    for lang in ("en", "zh-hans"):
        items = json.loads(_get(client, f"/{lang}/articles/knee-cells/references.json").content)
        assert [item["id"] for item in items] == ["msc-dose-2025", "msc-safety-2024"]
        assert items[0]["container-title"] == "Journal of Knee Research"
        ris = rispy.loads(_get(client, f"/{lang}/articles/knee-cells/references.ris").content.decode())
        assert [entry["title"] for entry in ris] == [
            "Mesenchymal stem cell dose for knee osteoarthritis",
            "Safety of cell injections into the knee",
        ]
