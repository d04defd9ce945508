"""references.formatting.shown_values (what the review fingerprint of a cited reference is made
of) changes exactly when the citation a reader sees (vancouver_html) changes: for journal
articles read on the Internet, books, chapters and web pages, edits of every field and of CSL
variables kept in csl_extra, shown (accessed, container-title-short, publisher-place) or not
(abstract, note, ISSN, ...)."""

import copy

import pytest
from django.utils import translation

from references.formatting import shown_values, vancouver_html
from references.models import Reference

NAMES = [{"family": f"Author{n}", "given": "Anna"} for n in range(1, 9)]

KINDS = {
    "journal article read online": dict(
        csl_type="article-journal", title="A <i>Staphylococcus</i> trial", authors=NAMES[:3],
        container_title="American Journal of Nursing", publisher="Lippincott", issued_year=2002, issued_month=6,
        volume="102", issue="6", pages="284-287", doi="10.1000/x", pmid="123", url="https://www.nursingworld.org/ajn",
        csl_extra={"container-title-short": "Am J Nurs", "accessed": {"date-parts": [[2002, 8, 12]]},
                   "abstract": "Background.", "note": "Funded by X.", "ISSN": "0002-936X"},
    ),
    "journal article in print, eight authors": dict(
        csl_type="article-journal", title="Knee trial", authors=NAMES, container_title="Journal of Examples",
        issued_year=2020, volume="3", pages="1-9", csl_extra={"accessed": {"date-parts": [[2021, 1, 2]]}},
    ),
    "book": dict(
        csl_type="book", title="Medical microbiology", authors=NAMES[:2], publisher="Mosby", issued_year=2002,
        container_title="Series of examples", volume="4", pages="300", csl_extra={"publisher-place": "St. Louis"},
    ),
    "chapter": dict(
        csl_type="chapter", title="Chromosome alterations", authors=NAMES[:1], container_title="The genetic basis",
        publisher="McGraw-Hill", issued_year=2002, pages="93-113", csl_extra={"publisher-place": "New York"},
    ),
    "web page": dict(
        csl_type="webpage", title="Cancer-Pain.org", authors=[{"literal": "Association of Cancer Online Resources"}],
        issued_year=2000, url="http://www.cancer-pain.org/", csl_extra={"accessed": {"date-parts": [[2002, 7, 9]]}},
    ),
}

EDITS = {
    "title": lambda ref: setattr(ref, "title", ref.title + " revised"),
    "first author": lambda ref: ref.authors.__setitem__(0, {"family": "Other", "given": "Bo"}),
    "seventh author": lambda ref: ref.authors.__setitem__(6, {"family": "Other", "given": "Bo"}) if len(ref.authors) > 6 else None,
    "an author added": lambda ref: ref.authors.append({"family": "Added", "given": "Cy"}),
    "name part citations do not show": lambda ref: ref.authors[0].__setitem__("sequence", "first"),
    "container title": lambda ref: setattr(ref, "container_title", ref.container_title + " Online"),
    "publisher": lambda ref: setattr(ref, "publisher", "Elsevier"),
    "year": lambda ref: setattr(ref, "issued_year", 1999),
    "month": lambda ref: setattr(ref, "issued_month", 3),
    "volume": lambda ref: setattr(ref, "volume", "77"),
    "issue": lambda ref: setattr(ref, "issue", "9"),
    "pages": lambda ref: setattr(ref, "pages", "10-12"),
    "DOI": lambda ref: setattr(ref, "doi", "10.1000/other"),
    "PMID": lambda ref: setattr(ref, "pmid", "999"),
    "URL": lambda ref: setattr(ref, "url", "https://www.example.org/other"),
    "URL set to the DOI's address": lambda ref: setattr(ref, "url", ref.doi_url),
    "type within the journal types": lambda ref: setattr(ref, "csl_type", "review") if ref.csl_type == "article-journal" else None,
    "type": lambda ref: setattr(ref, "csl_type", "report"),
    "accessed": lambda ref: ref.csl_extra.__setitem__("accessed", {"date-parts": [[2025, 1, 10]]}),
    "accessed, the same date written as text": lambda ref: ref.csl_extra.__setitem__(
        "accessed", {"raw": "-".join(str(p) for p in ref.csl_extra["accessed"]["date-parts"][0])}
    ) if "accessed" in ref.csl_extra else None,
    "container-title-short": lambda ref: ref.csl_extra.__setitem__("container-title-short", "Amer J Nurs"),
    "container-title-short removed": lambda ref: ref.csl_extra.pop("container-title-short", None),
    "publisher-place": lambda ref: ref.csl_extra.__setitem__("publisher-place", "Philadelphia"),
    "abstract": lambda ref: ref.csl_extra.__setitem__("abstract", "Methods."),
    "note": lambda ref: ref.csl_extra.__setitem__("note", "Erratum in: J Ex. 2003."),
    "ISSN": lambda ref: ref.csl_extra.__setitem__("ISSN", "1234-5678"),
    "item as imported": lambda ref: setattr(ref, "csl_source", {"id": ref.key, "title": "Something else"}),
}


def make(fields):
    return Reference(key="x", **copy.deepcopy(fields))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("edit", EDITS)
def test_shown_values_change_exactly_when_the_citation_changes(kind, edit):
    before, after = make(KINDS[kind]), make(KINDS[kind])
    EDITS[edit](after)
    with translation.override("en"):
        citation_changed = vancouver_html(before) != vancouver_html(after)
    assert (shown_values(before) != shown_values(after)) == citation_changed


def test_the_csl_variables_a_citation_shows_are_among_the_values():
    online = make(KINDS["journal article read online"])
    book = make(KINDS["book"])
    assert shown_values(online)["journal"] == "Am J Nurs"
    assert shown_values(online)["accessed"] == (2002, 8, 12)
    assert shown_values(book)["publisher"] == "St. Louis: Mosby"
    for values in (shown_values(online), shown_values(book)):
        assert "Background." not in repr(values) and "Funded by X." not in repr(values)
