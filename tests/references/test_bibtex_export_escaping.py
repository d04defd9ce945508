"""BibTeX written for any reference the library accepts parses back, one entry each."""

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware

from references.exports import to_bibtex
from tests.factories import make_reference


def test_unbalanced_braces_latex_specials_and_odd_keys_still_parse(db):
    odd = make_reference("a%b#c", title="Unbalanced } brace { and \\ backslash ~ 100% $5 #1 a_b ^2",
                         url="https://example.org/x?a={1}")
    twin = make_reference("a-b-c", title="Second")
    library = bibtexparser.parse_string(to_bibtex([odd, twin]), append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == ["a-b-c", "a-b-c-2"]
    assert library.entries[0]["title"].startswith("Unbalanced } brace { and")
    assert "100% $5 #1 a_b" in library.entries[0]["title"]
