from articles.rendering.glossary import Entry
from articles.rendering.markdown import render_article
from references.models import Reference

PERSONAS = ["patient", "physician"]
OA = Entry("7", ("osteoarthritis",), "wear and tear of the joint cartilage")
OA_ZH = Entry("8", ("骨关节炎",), "关节软骨磨损")


def _render(summary, body, glossary):
    library = {"a": Reference(key="a", title="A")}
    return render_article(summary, body, persona="patient", library=library, personas=PERSONAS, glossary=glossary)


def test_first_use_shows_the_lay_explanation_as_visible_accessible_text():
    html = _render("Osteoarthritis is common [@a].", "More osteoarthritis here.", [OA]).summary_html
    assert '<dfn class="glossary-term" aria-describedby="gloss-7">Osteoarthritis</dfn>' in html
    assert '<span class="glossary-note" id="gloss-7"> (wear and tear of the joint cartilage)</span>' in html


def test_later_uses_in_the_body_are_not_marked_again():
    rendered = _render("Osteoarthritis is common.", "More osteoarthritis here.", [OA])
    assert "dfn" not in rendered.body_html


def test_headings_links_and_code_are_left_alone():
    body = "## Osteoarthritis\n\nSee [osteoarthritis](https://example.org) and `osteoarthritis`.\n\nThen osteoarthritis."
    html = _render("Answer.", body, [OA]).body_html
    assert html.count("<dfn") == 1
    assert "Then <dfn" in html


def test_chinese_term_is_explained_inside_a_sentence():
    html = _render("答案。", "膝关节骨关节炎很常见。", [OA_ZH]).body_html
    assert '膝关节<dfn class="glossary-term" aria-describedby="gloss-8">骨关节炎</dfn>' in html


def test_explanation_text_is_escaped():
    hostile = Entry("9", ("knee",), '<script>alert(1)</script>')
    html = _render("The knee.", "", [hostile]).summary_html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
