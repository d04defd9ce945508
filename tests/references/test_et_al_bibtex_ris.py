"""An incomplete author list in the BibTeX and RIS files: BibTeX's own `and others`, and for
RIS (which has no marker) a last AU line "et al.", so reference managers print it too."""

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors

from references.exports import to_bibtex, to_ris
from references.models import Reference
from tests.factories import make_reference

pytestmark = pytest.mark.django_db

NAMES = [{"family": "Jo", "given": "Chris Hyunchul"}, {"family": "Lee", "given": "Young Gil"}]


@pytest.fixture
def references():
    make_reference("cut", authors=NAMES, authors_incomplete=True)
    make_reference("whole", authors=NAMES)
    return list(Reference.objects.order_by("key"))


def test_bibtex_ends_an_incomplete_list_in_and_others_and_parses_back(references):
    library = bibtexparser.parse_string(
        to_bibtex(references), append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()]
    )
    assert library.failed_blocks == []
    authors = {entry.key: entry.fields_dict["author"].value for entry in library.entries}
    assert authors == {
        "cut": ["Jo, Chris Hyunchul", "Lee, Young Gil", "others"],
        "whole": ["Jo, Chris Hyunchul", "Lee, Young Gil"],
    }


def test_bibtex_others_is_the_bare_keyword_not_a_braced_name(references):
    assert "author = {Jo, Chris Hyunchul and Lee, Young Gil and others}" in to_bibtex(references)


def test_ris_ends_an_incomplete_list_in_an_et_al_line_and_parses_back(references):
    entries = {entry["id"]: entry for entry in rispy.loads(to_ris(references))}
    assert entries["cut"]["authors"] == ["Jo, Chris Hyunchul", "Lee, Young Gil", "et al."]
    assert entries["whole"]["authors"] == ["Jo, Chris Hyunchul", "Lee, Young Gil"]
