"""Audience blocks: each persona sees the text for everyone plus its own blocks."""

import re

import pytest

from articles.rendering.markdown import MarkdownError, Problem, check_article, render_article
from references.models import Reference

PERSONAS = ["patient", "caregiver", "student", "nurse", "pharmacist", "physician"]
LIBRARY = {key: Reference(key=key, title=key) for key in ["common", "lay", "nurse-only", "clinical", "deep"]}

BODY = """\
For everyone [@common].

::: {audience="patient caregiver"}
Lay words [@lay].
:::

::: {audience='nurse'}
Nursing notes [@nurse-only].
:::

::: {audience="student nurse pharmacist physician"}
Clinical detail [@clinical].

::: {audience="physician"}
Physician detail [@deep].
:::
:::
"""

EXPECTED = {
    "patient": ["For everyone", "Lay words"],
    "caregiver": ["For everyone", "Lay words"],
    "student": ["For everyone", "Clinical detail"],
    "nurse": ["For everyone", "Nursing notes", "Clinical detail"],
    "pharmacist": ["For everyone", "Clinical detail"],
    "physician": ["For everyone", "Clinical detail", "Physician detail"],
}
ALL_TEXTS = ["For everyone", "Lay words", "Nursing notes", "Clinical detail", "Physician detail"]


def render(body, persona):
    return render_article("Key.", body, persona=persona, library=LIBRARY, personas=PERSONAS)


def shown_texts(html):
    return [text for text in ALL_TEXTS if text in html]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_default_persona_sees_exactly_its_blocks(persona):
    assert shown_texts(render(BODY, persona).body_html) == EXPECTED[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_citation_numbers_run_from_one_without_gaps_over_the_blocks_a_persona_sees(persona):
    result = render(BODY, persona)

    numbers = [int(n) for n in re.findall(r'href="#ref-(\d+)"', result.body_html)]
    assert numbers == list(range(1, len(EXPECTED[persona]) + 1))
    assert len(result.references) == len(EXPECTED[persona])


def test_a_nested_block_shows_only_if_both_blocks_apply():
    body = '::: {audience="patient"}\nOuter.\n\n::: {audience="physician"}\nInner.\n:::\n:::'

    assert "Inner." not in render(body, "patient").body_html
    assert "Outer." not in render(body, "physician").body_html


def test_a_persona_sees_its_block_without_the_list_of_whom_it_is_for():
    html = render(BODY, "nurse").body_html

    assert '<div class="audience">\n<p>Nursing notes' in html
    assert "data-audience" not in html


def test_the_editors_view_shows_every_block_labelled_with_its_audience():
    result = render(BODY, None)

    assert shown_texts(result.body_html) == ALL_TEXTS
    assert '<div class="audience" data-audience="patient caregiver">' in result.body_html
    assert '<div class="audience" data-audience="physician">' in result.body_html
    assert [ref.key for ref in result.references] == ["common", "lay", "nurse-only", "clinical", "deep"]


def test_hidden_blocks_leave_nothing_behind():
    html = render('Before.\n\n::: {audience="patient"}\nSecret.\n:::\n\nAfter.', "nurse").body_html

    assert html == "<p>Before.</p>\n<p>After.</p>\n"


def test_a_fenced_div_without_audience_shows_to_everyone_as_a_plain_div():
    html = render("::: {.warning #w}\nCareful.\n:::", "patient").body_html

    assert html == "<div>\n<p>Careful.</p>\n</div>\n"


def test_unknown_persona_is_an_error_with_its_line():
    with pytest.raises(MarkdownError) as error:
        render('Intro.\n\n::: {audience="patient doctor"}\nText.\n:::', "patient")

    assert error.value.problems == [Problem("body", 3, 'unknown persona "doctor" in audience block')]


def test_an_unknown_persona_is_an_error_even_for_the_persona_that_would_not_see_the_block():
    problems = check_article(
        "Key.", '::: {audience="docter"}\nText [@missing].\n:::', library_keys=set(), personas=PERSONAS
    )

    assert [(p.line, p.message) for p in problems] == [
        (1, 'unknown persona "docter" in audience block'),
        (2, 'unknown citation key "missing"'),
    ]


def test_a_block_never_closed_is_an_error_naming_the_line_it_opened_on():
    body = 'One.\n\nTwo.\n\n::: {audience="patient"}\nNever closed.'

    with pytest.raises(MarkdownError) as error:
        render(body, None)

    assert error.value.problems == [Problem("body", 5, "audience block opened on line 5 is never closed")]


def test_a_block_closed_inside_a_list_item_is_not_closed():
    body = '::: {audience="patient"}\n- item\n\n  :::\n'

    messages = [p.message for p in check_article("Key.", body, library_keys=set(), personas=PERSONAS)]

    assert messages == [
        "audience block opened on line 1 is never closed",
        'closing ":::" on line 4 has no open block',
    ]


def test_an_opener_with_malformed_attributes_is_an_error():
    problems = check_article(
        "Key.", 'Text.\n\n::: {audience="patient"\nMore.\n:::', library_keys=set(), personas=PERSONAS
    )

    assert problems[0].line == 3
    assert problems[0].message.startswith("malformed fenced div")


def test_a_fence_inside_a_code_block_is_just_code():
    html = render('```\n::: {audience="patient"}\n```', "nurse").body_html

    assert html == '<pre><code>::: {audience="patient"}\n</code></pre>\n'
