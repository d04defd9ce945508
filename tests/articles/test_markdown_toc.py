"""Headings: ## and ### make the table of contents, each with an id to link to."""

from articles.rendering.markdown import TocEntry, render_article

PERSONAS = ["patient", "caregiver", "student", "nurse", "pharmacist", "physician"]


def render(body, persona=None):
    return render_article("Key.", body, persona=persona, library={}, personas=PERSONAS)


def test_second_and_third_level_headings_make_the_table_of_contents():
    result = render(
        "# Not in TOC\n\n## Background\n\nText.\n\n### How it *works*\n\n#### Too deep\n\n## Dose"
    )

    assert result.toc == [
        TocEntry(2, "background", "Background"),
        TocEntry(3, "how-it-works", "How it works"),
        TocEntry(2, "dose", "Dose"),
    ]
    assert '<h2 id="background">Background</h2>' in result.body_html
    assert '<h3 id="how-it-works">How it <em>works</em></h3>' in result.body_html


def test_chinese_headings_get_ids_made_of_their_own_characters():
    result = render("## 背景\n\n## 最佳剂量是多少？\n\n## MSC 剂量 (2025)")

    assert [entry.id for entry in result.toc] == ["背景", "最佳剂量是多少", "msc-剂量-2025"]
    assert '<h2 id="最佳剂量是多少">最佳剂量是多少？</h2>' in result.body_html


def test_duplicate_headings_get_distinct_ids():
    result = render("## Results\n\n### Results\n\n## Results")

    assert [entry.id for entry in result.toc] == ["results", "results-2", "results-3"]


def test_headings_never_take_the_ids_of_references_and_citations():
    result = render("## Ref 1\n\n## Cite 2")

    assert [entry.id for entry in result.toc] == ["ref-1-2", "cite-2-2"]


def test_a_heading_of_punctuation_only_still_gets_an_id():
    result = render("## ???\n\n## !!!")

    assert [entry.id for entry in result.toc] == ["section", "section-2"]


def test_headings_in_blocks_a_persona_does_not_see_are_not_in_its_table_of_contents():
    body = '## Everyone\n\n::: {audience="physician"}\n## Pharmacology\n:::'

    assert [entry.text for entry in render(body, "patient").toc] == ["Everyone"]
    assert [entry.text for entry in render(body, "physician").toc] == ["Everyone", "Pharmacology"]


def test_gfm_tables_render_with_column_alignment():
    html = render("| Dose | Effect |\n|:-----|-------:|\n| 1×10^8 | **best** |").body_html

    assert html == (
        '<table>\n<thead>\n<tr>\n<th style="text-align:left">Dose</th>\n'
        '<th style="text-align:right">Effect</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n'
        '<td style="text-align:left">1×10^8</td>\n<td style="text-align:right"><strong>best</strong></td>\n'
        "</tr>\n</tbody>\n</table>\n"
    )


def test_strikethrough_renders():
    assert render("~~old dose~~ new dose").body_html == "<p><s>old dose</s> new dose</p>\n"
