"""Whatever the input, the HTML is safe for a reader's browser."""

import pytest

from articles.rendering.markdown import check_article, render_article
from articles.rendering.sanitize import sanitize_html

PERSONAS = ["patient", "caregiver", "student", "nurse", "pharmacist", "physician"]


def body_html(body):
    return render_article("Key.", body, persona=None, library={}, personas=PERSONAS).body_html


def test_raw_html_in_the_source_is_shown_as_text():
    html = body_html(
        '<script>alert(1)</script>\n\nHi <b onclick="x()">there</b> <img src=x onerror=alert(1)>'
    )

    assert "<script" not in html
    assert "<b" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '&lt;b onclick="x()"&gt;there&lt;/b&gt;' in html


def test_raw_html_in_the_summary_is_shown_as_text():
    result = render_article(
        '<iframe src="https://evil.example"></iframe>', "", persona=None, library={}, personas=PERSONAS
    )

    assert result.summary_html == '&lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;'


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "<javascript:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "[click][r]\n\n[r]: javascript:alert(1)",
        '[click](https://ok.example "a" onmouseover="alert(1)")',
    ],
)
def test_dangerous_links_never_become_links(source):
    html = body_html(source)
    tags = [part.split(">")[0].lower() for part in html.split("<")[1:]]

    assert not [tag for tag in tags if "javascript:" in tag or "data:" in tag or "vbscript:" in tag]
    assert not [tag for tag in tags if "onmouseover" in tag]


def test_safe_links_keep_working_and_get_rel_noopener():
    html = body_html(
        "[a](https://example.org/x?y=1&z=2) [b](mailto:desk@example.org) [c](#ref-1) "
        "[d](/en/articles/other/) <https://example.org>"
    )

    assert '<a href="https://example.org/x?y=1&amp;z=2" rel="noopener noreferrer">a</a>' in html
    assert '<a href="mailto:desk@example.org" rel="noopener noreferrer">b</a>' in html
    assert '<a href="#ref-1" rel="noopener noreferrer">c</a>' in html
    assert '<a href="/en/articles/other/" rel="noopener noreferrer">d</a>' in html
    assert '<a href="https://example.org" rel="noopener noreferrer">https://example.org</a>' in html


def test_images_are_not_embedded():
    html = body_html("![tracking pixel](https://tracker.example/p.gif)")

    assert "<img" not in html
    assert '<a href="https://tracker.example/p.gif" rel="noopener noreferrer">tracking pixel</a>' in html


def test_the_sanitizer_drops_what_the_allow_list_does_not_name():
    html = sanitize_html(
        '<p onclick="x()" style="color:red">a</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">b</a><a href="//evil.example/">c</a><a href="ftp://x/">d</a>'
        '<div class="audience evil" data-audience="patient" data-x="1">e</div><iframe src="x"></iframe>'
        '<td style="text-align:left;background:url(x)">f</td>'
    )

    assert "<script" not in html and "alert(1)" not in html and "<iframe" not in html
    assert "onclick" not in html and "color:red" not in html
    assert '<a rel="noopener noreferrer">b</a>' in html
    assert '<a rel="noopener noreferrer">c</a>' in html
    assert '<a rel="noopener noreferrer">d</a>' in html
    assert '<div class="audience" data-audience="patient">e</div>' in html


def test_an_unclosed_code_fence_runs_to_the_end_as_code():
    html = body_html("Text.\n\n```python\n<script>alert(1)</script>\n## not a heading")

    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<h2" not in html


@pytest.mark.parametrize(
    "source", ["``` \n```\n```", "~~~\n", "````\n```\n", "> ```\n> a\n\nb", "- ```\n  x"]
)
def test_broken_fences_render_without_error(source):
    assert isinstance(body_html(source), str)


def test_absurdly_deep_nesting_renders_balanced_html_without_error():
    html = body_html(">" * 500 + " deep\n\n" + "- " * 500 + "x\n\n" + "[" * 5000 + "@a" + "]" * 5000)

    assert html.count("<blockquote>") == html.count("</blockquote>") > 0
    assert html.count("<ul>") == html.count("</ul>") > 0


def test_a_megabyte_of_text_renders_completely():
    paragraph = "Mesenchymal stem cells *reduce* pain [@a] in `knee` osteoarthritis; see [NICE](https://nice.org.uk).\n\n"
    body = "## Section\n\n" + paragraph * (1_000_000 // len(paragraph))

    result = render_article("Key [@a].", body, persona="patient", library={"a": object()}, personas=PERSONAS)

    assert len(body) >= 990_000
    assert result.body_html.count("<p>") == body.count(paragraph[:20])
    assert len(result.references) == 1


def test_hundreds_of_kilobytes_of_unbalanced_markup_are_checked_completely():
    body = "[@" * 100_000 + "*_`<" * 50_000

    assert check_article("Key.", body, library_keys=set(), personas=PERSONAS) == []
