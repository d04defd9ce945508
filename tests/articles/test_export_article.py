"""manage.py export_article: the file it writes, and that importing it changes nothing."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.forms.models import model_to_dict
from reversion.models import Version

from articles.models import Article
from references.models import Reference
from tests.factories import make_article, make_reference, make_topic

pytestmark = pytest.mark.django_db


def export(slug, lang):
    out, err = StringIO(), StringIO()
    call_command("export_article", slug, "--lang", lang, stdout=out, stderr=err)
    assert err.getvalue() == ""
    return out.getvalue()


def run_import(path):
    out, err = StringIO(), StringIO()
    call_command("import_article", str(path), stdout=out, stderr=err)
    assert err.getvalue() == ""
    return out.getvalue().splitlines()


def db_state():
    articles = [
        {**model_to_dict(article), "topics": sorted(t.slug for t in article.topics.all()),
         "content_updated_at": article.content_updated_at, "updated_at": article.updated_at}
        for article in Article.objects.order_by("slug")
    ]
    references = [
        {**model_to_dict(reference), "updated_at": reference.updated_at} for reference in Reference.objects.all()
    ]
    return articles, references


@pytest.fixture
def article():
    make_reference(
        "msc-dose-2025",
        csl_type="report",
        evidence="guideline",
        title="Mesenchymal stem cell therapy for knee osteoarthritis",
        authors=[{"family": "Smith", "given": "Anna"}, {"literal": "Some Society"}],
        container_title="Journal name",
        publisher="Publisher name",
        issued_year=2025,
        volume="12",
        issue="3",
        pages="101-110",
        doi="10.1000/example.123",
        pmid="12345678",
        url="https://example.org/paper",
        csl_extra={"abstract": "Long abstract.", "ISSN": "1234-5678"},
    )
    make_reference("lee-2023", title="A cohort", evidence="cohort", issued_year=2023, issued_month=5)
    make_reference("not-cited", title="Never cited in zh-hans")
    return make_article(
        "msc-knee-dose",
        lang="zh-hans",
        title="膝关节注射间充质干细胞的最佳剂量是多少？",
        summary="目前证据最支持 1.0×10^8 个细胞 [@msc-dose-2025]。",
        body="## 背景\n\n一项队列研究 [@lee-2023; @msc-dose-2025]。\n\n::: {audience=\"patient\"}\n患者须知。\n:::",
        status="published",
        topics=[make_topic("regenerative-medicine"), make_topic("orthopedics")],
        title_en="English question?",
        summary_en="English answer [@not-cited].",
    )


EXPECTED_ZH = """\
---
slug: msc-knee-dose
lang: zh-hans
title: 膝关节注射间充质干细胞的最佳剂量是多少？
summary: 目前证据最支持 1.0×10^8 个细胞 [@msc-dose-2025]。
status: published
topics: [orthopedics, regenerative-medicine]
references:
- id: msc-dose-2025
  type: report
  evidence: guideline
  title: Mesenchymal stem cell therapy for knee osteoarthritis
  author: [{family: Smith, given: Anna}, {literal: Some Society}]
  container-title: Journal name
  publisher: Publisher name
  issued: {date-parts: [[2025]]}
  volume: '12'
  issue: '3'
  page: 101-110
  DOI: 10.1000/example.123
  PMID: '12345678'
  URL: https://example.org/paper
  ISSN: 1234-5678
  abstract: Long abstract.
- id: lee-2023
  type: article-journal
  evidence: cohort
  title: A cohort
  author: [{family: Smith, given: Anna}]
  container-title: Journal of Examples
  issued: {date-parts: [[2023, 5]]}
---

## 背景

一项队列研究 [@lee-2023; @msc-dose-2025]。

::: {audience="patient"}
患者须知。
:::
"""


def test_export_writes_the_documented_front_matter_then_the_body(article):
    assert export("msc-knee-dose", "zh-hans") == EXPECTED_ZH


def test_front_matter_keys_come_in_the_documented_order(article):
    text = export("msc-knee-dose", "en")
    front = yaml.safe_load(text.split("---\n")[1])
    assert list(front) == ["slug", "lang", "title", "summary", "status", "topics", "references"]
    assert [item["id"] for item in front["references"]] == ["not-cited"]  # only what en cites


def test_multiline_summary_is_written_as_a_literal_block(article):
    article.summary_en = "First line [@not-cited].\nSecond line."
    article.save()
    text = export("msc-knee-dose", "en")
    assert "summary: |-\n  First line [@not-cited].\n  Second line.\nstatus: published\n" in text


def test_importing_the_export_changes_nothing(article, tmp_path):
    for lang in ("zh-hans", "en"):
        path = tmp_path / f"{lang}.md"
        path.write_text(export("msc-knee-dose", lang), encoding="utf-8")
        before = db_state()

        out = run_import(path)

        assert out == [f"{path}: unchanged “msc-knee-dose” ({lang})"]
        assert db_state() == before
        assert Version.objects.get_for_object(article).count() == 0


def test_export_of_an_imported_article_imports_without_a_new_revision(tmp_path):
    source = tmp_path / "source.md"
    source.write_text(
        "---\nslug: a\nlang: en\ntitle: Q?\nsummary: |\n  Line one.\n  Line two.\ntopics: [knee]\n"
        "references:\n  - id: r1\n    title: T\n    issued: {raw: 2024-02-03}\n    note: kept\n---\n\n"
        "Body [@r1].\n",
        encoding="utf-8",
    )
    run_import(source)
    article = Article.objects.get(slug="a")
    exported = tmp_path / "exported.md"
    exported.write_text(export("a", "en"), encoding="utf-8")
    before = db_state()

    run_import(exported)

    assert db_state() == before
    assert Version.objects.get_for_object(article).count() == 1
    assert "  issued: {date-parts: [[2024, 2, 3]]}\n  note: kept\n" in exported.read_text(encoding="utf-8")


def test_text_entered_with_windows_line_endings_round_trips_unchanged(tmp_path):
    make_article("a", lang="en", title="Q?", summary="A.", body="Para one.\r\n\r\nPara two.\r\n")
    path = tmp_path / "a.md"
    path.write_text(export("a", "en"), encoding="utf-8")
    before = db_state()

    out = run_import(path)

    assert out == [f"{path}: unchanged “a” (en)"]
    assert db_state() == before


def test_unknown_slug_is_a_one_line_error():
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("export_article", "no-such-article", "--lang", "en", stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert err.getvalue() == "export_article: no article with slug “no-such-article”.\n"


def test_language_the_article_lacks_is_a_one_line_error():
    make_article("english-only", lang="en")
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("export_article", "english-only", "--lang", "zh-hans", stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert err.getvalue() == "export_article: article “english-only” has no zh-hans version (it has: en).\n"


def test_unknown_language_is_a_one_line_error():
    make_article("english-only", lang="en")
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("export_article", "english-only", "--lang", "fr", stdout=StringIO(), stderr=err)
    assert err.getvalue() == "export_article: --lang “fr” is not one of: en, zh-hans.\n"
