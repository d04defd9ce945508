"""Keys for references added from a DOI or PMID (references/keys.py): first author's family
name + year, as the library's keys are written, with a letter after the year when taken."""

import pytest

from references.keys import suggest_key
from references.models import CITATION_KEY_RE
from tests.factories import make_reference


@pytest.mark.parametrize(
    ("authors", "year", "key"),
    [
        ([{"family": "Smith", "given": "Anna"}, {"family": "Lee"}], 2024, "smith2024"),
        ([{"family": "O'Brien", "given": "Pat"}], 2019, "obrien2019"),
        ([{"family": "van der Berg", "given": "Jan"}], 2001, "vanderberg2001"),
        ([{"family": "Müller"}], 2020, "müller2020"),
        ([{"family": "张", "given": "伟"}], 2020, "张2020"),
        ([{"literal": "World Health Organization"}], 2021, "world2021"),
        ([], 2018, "ref2018"),
        ([{"family": "Smith"}], None, "smith"),
        ([{"family": "Caesar"}], -44, "caesar"),
    ],
)
def test_first_author_and_year(db, authors, year, key):
    suggested = suggest_key({"authors": authors, "issued_year": year})
    assert suggested == key
    assert CITATION_KEY_RE.match(suggested)


def test_a_taken_key_gets_the_next_letter(db):
    make_reference("smith2024")
    make_reference("Smith2024a")  # keys compare without regard to case here too
    assert suggest_key({"authors": [{"family": "Smith"}], "issued_year": 2024}) == "smith2024b"
