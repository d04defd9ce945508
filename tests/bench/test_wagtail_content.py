"""The Wagtail comparison site (bench/wagtail/) gets the same article as MedCMS: every section,
both audiences' text, and each citation linked to the reference MedCMS numbers the same way.
Pure functions of bench/wagtail/library/content.py: no Wagtail needed."""

import re

from articles.rendering.citations import cited_keys
from bench.wagtail.library.content import body_blocks, rich_text

SUMMARY = "Weight loss helps a little [@wang-2014; @zhang-2012]. Try it with other care [@garcia-2010]."
BODY = """## What weight loss is

::: {audience="patient caregiver"}
Weight loss is one of the options <for> older adults [@wang-2014].
:::

::: {audience="student nurse pharmacist physician"}
- Widely used, although practice varies [@wang-2014].
- Protocols differ in dose [@zhang-2012; @novak-2008].
:::

## Safety

::: {audience="patient caregiver"}
Serious harm is rare [@muller-1999].
:::
"""


def numbers():
    return {key: n for n, key in enumerate(cited_keys(SUMMARY, BODY), start=1)}


def test_each_section_keeps_its_heading_and_both_audiences_text():
    sections = [block["value"] for block in body_blocks(BODY, numbers())]

    assert [s["heading"] for s in sections] == ["What weight loss is", "Safety"]
    assert [c["type"] for c in sections[0]["content"]] == ["paragraph", "bullet_points"]
    assert [item["value"] for item in sections[0]["content"][1]["value"]] == [
        '<p>Widely used, although practice varies <sup><a href="#ref-1">1</a></sup>.</p>',
        '<p>Protocols differ in dose <sup><a href="#ref-2">2</a>, <a href="#ref-4">4</a></sup>.</p>',
    ]
    assert sections[1]["content"][0]["value"] == '<p>Serious harm is rare <sup><a href="#ref-5">5</a></sup>.</p>'


def test_citations_carry_the_numbers_medcms_gives_them():
    html = rich_text(SUMMARY, numbers()) + "".join(
        str(block) for block in body_blocks(BODY, numbers()))
    linked = {int(a) for a, b in re.findall(r'href="#ref-(\d+)">(\d+)<', html) if a == b}

    assert linked == set(range(1, len(cited_keys(SUMMARY, BODY)) + 1))
    assert rich_text(SUMMARY, numbers()).startswith('<p>Weight loss helps a little <sup><a href="#ref-1">1</a>, ')


def test_text_is_escaped_and_block_ids_are_stable():
    first, again = body_blocks(BODY, numbers(), "en/x"), body_blocks(BODY, numbers(), "en/x")

    assert "options &lt;for&gt; older adults" in first[0]["value"]["content"][0]["value"]
    assert first == again
