"""Citations: numbered by first citation (summary, then body), linked to the reference list."""

import pytest

from articles.rendering.citations import cited_keys
from articles.rendering.markdown import MarkdownError, Problem, check_article, render_article
from references.models import Reference

PERSONAS = ["patient", "caregiver", "student", "nurse", "pharmacist", "physician"]


def library(*keys):
    return {key: Reference(key=key, title=f"Title of {key}") for key in keys}


def render(summary, body, lib=None):
    return render_article(
        summary, body, persona=None, library=lib or library("a", "b", "c", "d"), personas=PERSONAS
    )


def test_sources_are_numbered_by_first_citation_reading_the_summary_first():
    result = render("Key answer [@c].", "Body cites [@a] then [@c] then [@b].")

    assert [ref.key for ref in result.references] == ["c", "a", "b"]
    assert '<a href="#ref-1" id="cite-1" rel="noopener noreferrer">1</a>' in result.summary_html
    assert '<a href="#ref-2" id="cite-2" rel="noopener noreferrer">2</a>' in result.body_html


def test_a_source_cited_again_keeps_its_number():
    result = render("First [@b].", "Again [@b].")

    assert result.body_html.count('href="#ref-1"') == 1
    assert 'id="cite-1"' not in result.body_html  # the back-link target is the first citation
    assert [ref.key for ref in result.references] == ["b"]


def test_several_keys_in_one_citation_render_sorted_and_comma_separated():
    result = render("Key [@a] and [@b] and [@c].", "Both [@c; @a].")

    assert result.body_html == (
        '<p>Both <sup class="citation"><a href="#ref-1" id="cite-1-2" rel="noopener noreferrer">1</a>, '
        '<a href="#ref-3" id="cite-3-2" rel="noopener noreferrer">3</a></sup>.</p>\n'
    )


def test_only_cited_sources_are_listed_in_citation_order():
    result = render("No citation here.", "Only [@d] and [@b].")

    assert [ref.key for ref in result.references] == ["d", "b"]


def test_summary_renders_inline_without_a_paragraph():
    result = render("The dose is *1.0×10^8* cells [@a].", "")

    assert result.summary_html.startswith("The dose is <em>1.0×10^8</em> cells <sup")
    assert "<p>" not in result.summary_html


def test_unknown_key_is_an_error_naming_the_key_and_the_line():
    body = "Fine [@a].\n\nA paragraph\nover lines [@nobody] here."

    with pytest.raises(MarkdownError) as error:
        render("Also [@ghost].", body)

    assert error.value.problems == [
        Problem("summary", 1, 'unknown citation key "ghost"'),
        Problem("body", 4, 'unknown citation key "nobody"'),
    ]
    assert str(error.value) == (
        'summary, line 1: unknown citation key "ghost"\nbody, line 4: unknown citation key "nobody"'
    )


def test_check_article_reports_every_problem_without_rendering():
    problems = check_article("[@x]", "[@y]\n\n[@a]\n\n[@z; @a]", library_keys={"a"}, personas=PERSONAS)

    assert [(p.field, p.line, p.message) for p in problems] == [
        ("summary", 1, 'unknown citation key "x"'),
        ("body", 1, 'unknown citation key "y"'),
        ("body", 5, 'unknown citation key "z"'),
    ]


def test_keys_in_code_spans_and_escaped_brackets_are_not_citations():
    result = render("Key.", "Write `[@a]` in code, or \\[@b] escaped.\n\n```\n[@c]\n```")

    assert result.references == []
    assert "<code>[@a]</code>" in result.body_html
    assert "[@b] escaped" in result.body_html
    assert "citation" not in result.body_html


def test_email_addresses_and_bare_at_signs_are_not_citations():
    result = render("Key.", "Mail editor@example.org or ask @a.")

    assert result.references == []
    assert result.body_html == "<p>Mail editor@example.org or ask @a.</p>\n"


def test_a_comma_between_keys_is_reported_because_pandoc_separates_keys_with_semicolons():
    problems = check_article("Key.", "Text [@a, @b].", library_keys={"a", "b"}, personas=PERSONAS)

    assert len(problems) == 1
    assert problems[0].line == 1
    assert "[@a, @b]" in problems[0].message


def test_a_link_whose_text_starts_with_an_at_sign_stays_a_link():
    result = render("Key.", "See [@a](https://example.org).")

    assert result.references == []
    assert '<a href="https://example.org" rel="noopener noreferrer">@a</a>' in result.body_html


def test_cited_keys_lists_every_key_in_first_citation_order_whatever_the_audience():
    body = '::: {audience="nurse"}\nOnly nurses [@b].\n:::\n\nEveryone [@a] [@b] [@unknown].'

    assert cited_keys("Key [@c].", body) == ["c", "b", "a", "unknown"]


def test_cited_keys_of_empty_text_is_empty():
    assert cited_keys("", "") == []
