"""Vancouver (Citing Medicine) author lists with "et al.": more than six authors are the first
six then "et al."; a list marked incomplete ends in "et al." whatever its length, once."""

import pytest
from django.utils.translation import override

from references.formatting import vancouver_html
from references.models import Reference


def people(count):
    return [{"family": f"Author{n}", "given": "Anna"} for n in range(1, count + 1)]


def authors_text(count, incomplete):
    reference = Reference(
        key="x", title="A trial", authors=people(count), authors_incomplete=incomplete,
        container_title="Journal", issued_year=2020,
    )
    return str(vancouver_html(reference)).split(". A trial.")[0]


@pytest.mark.parametrize("count", [1, 3, 6])
def test_a_list_marked_incomplete_lists_its_authors_then_et_al(count):
    expected = ", ".join(f"Author{n} A" for n in range(1, count + 1)) + ", et al"
    assert authors_text(count, incomplete=True) == expected


@pytest.mark.parametrize("count", [1, 3, 6])
def test_a_complete_list_of_six_or_fewer_has_no_et_al(count):
    assert "et al" not in authors_text(count, incomplete=False)
    assert authors_text(count, incomplete=False).endswith(f"Author{count} A")


@pytest.mark.parametrize("incomplete", [False, True])
def test_more_than_six_authors_are_the_first_six_then_et_al_once(incomplete):
    text = authors_text(9, incomplete=incomplete)
    assert text == "Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, Author6 A, et al"
    assert text.count("et al") == 1


def test_the_sentence_ends_after_et_al_with_one_period():
    reference = Reference(key="x", title="A trial", authors=people(2), authors_incomplete=True, issued_year=2020)
    assert str(vancouver_html(reference)).startswith("Author1 A, Author2 A, et al. A trial.")


def test_a_chinese_page_says_deng():
    reference = Reference(key="x", title="一项试验", authors=[{"family": "张", "given": "伟"}], authors_incomplete=True)
    with override("zh-hans"):
        assert str(vancouver_html(reference)).startswith("张伟, 等. 一项试验.")
