""""Fill from DOI or PMID" ticks "more authors not listed (et al.)" when PubMed's own author
list is incomplete (AuthorList CompleteYN="N", as in older MEDLINE records), and unticks it
for a complete one, since the rows are then PubMed's whole list."""

from django.urls import reverse

from tests.references.standin import recorded

ADD_URL = reverse("admin:references_reference_add")


def lookup_post(**fields):
    data = {"key": "", "csl_type": "article-journal", "evidence": "other", "title": "", "authors-rows": "0",
            "csl_extra": "{}", "_lookup": "1"}
    data.update(fields)
    return data


def checkbox(html):
    start = html.index('name="authors_incomplete"')
    return html[html.rindex("<input", 0, start) : html.index(">", start) + 1]


def test_an_incomplete_pubmed_author_list_ticks_the_box(editor_client, standin):
    # The recorded record, as NLM marks a list it cut short.
    standin.efetch("29963580", recorded("pubmed-efetch-29963580.xml").replace(b'CompleteYN="Y"', b'CompleteYN="N"'))
    html = editor_client.post(ADD_URL, lookup_post(lookup="29963580")).content.decode()
    assert 'name="authors-0-family" value="Guo"' in html
    assert "checked" in checkbox(html)
    assert "more authors not listed (et al.)" in html.split("Filled from PubMed:")[1].split("</li>")[0]


def test_a_complete_pubmed_author_list_unticks_the_box(editor_client, standin):
    standin.efetch("29963580", recorded("pubmed-efetch-29963580.xml"))
    html = editor_client.post(
        ADD_URL, lookup_post(lookup="29963580", authors_incomplete="on", **{"authors-rows": "1", "authors-0-family": "Guo"})
    ).content.decode()
    assert "checked" not in checkbox(html)
