"""The plain-language summary reads as paragraphs: a blank line starts one, a line break where a
file's lines were wrapped is not a break in the page (nor a space inside Chinese)."""

from articles.public.page import plain_paragraphs_html
from tests.factories import make_article


def test_wrapped_lines_join_and_blank_lines_start_paragraphs():
    text = "What matters is how\r\nwell your kidneys work.\r\n\r\nAsk <the team> first."
    assert plain_paragraphs_html(text) == (
        "<p>What matters is how well your kidneys work.</p>\n<p>Ask &lt;the team&gt; first.</p>"
    )


def test_wrapped_chinese_joins_without_a_space():
    assert plain_paragraphs_html("大多数人可以\n照常服药。\n\n先问医生。") == "<p>大多数人可以照常服药。</p>\n<p>先问医生。</p>"


def test_the_patient_page_shows_no_line_break_inside_a_sentence(client, db):
    make_article("metformin", status="published",
                 plain_summary_en="Most people can keep taking metformin. What matters is how\nwell your kidneys work.")
    html = client.get("/en/articles/metformin/?persona=patient").content.decode()
    assert "What matters is how well your kidneys work." in html
    assert "how<br>" not in html
