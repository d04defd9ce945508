"""The Vancouver text against examples of NLM's Citing Medicine (2nd ed.) and the ICMJE sample
references, written here from the NLM rules: short page ranges, six authors then "et al.",
journal abbreviations, "[Internet]" and "[cited ...]" for sources read on the Internet."""

import pytest

from references.formatting import short_page_range, vancouver_html
from references.models import Reference


def reference(**fields):
    return Reference(**{"key": "x", "csl_type": "article-journal", **fields})


def test_a_journal_article_uses_the_journal_abbreviation_and_short_pages():
    html = vancouver_html(
        reference(
            title="Solid-organ transplantation in HIV-infected patients",
            authors=[
                {"family": "Halpern", "given": "Scott D."},
                {"family": "Ubel", "given": "Peter A."},
                {"family": "Caplan", "given": "Arthur L."},
            ],
            container_title="The New England Journal of Medicine",
            csl_extra={"container-title-short": "N Engl J Med"},
            issued_year=2002,
            issued_month=7,
            issued_day=25,
            volume="347",
            issue="4",
            pages="284-287",
        )
    )

    assert html == (
        "Halpern SD, Ubel PA, Caplan AL. Solid-organ transplantation in HIV-infected patients. "
        "N Engl J Med. 2002 Jul 25;347(4):284-7."
    )


def test_more_than_six_authors_are_the_first_six_then_et_al():
    names = ["Rose ME", "Huerbin MB", "Melick J", "Marion DW", "Palmer AM", "Schiding JK", "Kochanek PM", "Graham SH"]
    html = vancouver_html(
        reference(
            title="Regulation of interstitial excitatory amino acid concentrations after cortical contusion injury",
            authors=[{"family": name.split()[0], "given": " ".join(name.split()[1])} for name in names],
            container_title="Brain Research",
            csl_extra={"container-title-short": "Brain Res"},
            issued_year=2002,
            volume="935",
            issue="1-2",
            pages="40–46",
        )
    )

    assert html == (
        "Rose ME, Huerbin MB, Melick J, Marion DW, Palmer AM, Schiding JK, et al. Regulation of interstitial "
        "excitatory amino acid concentrations after cortical contusion injury. Brain Res. 2002;935(1-2):40-6."
    )


@pytest.mark.parametrize(
    ("pages", "short"),
    [
        ("1254-1266", "1254-66"),
        ("284-287", "284-7"),
        ("101-110", "101-10"),
        ("1-10", "1-10"),
        ("99-101", "99-101"),
        ("493–518", "493-518"),
        ("S12-S19", "S12-9"),
        ("e1002-e1010", "e1002-10"),
        ("12-15, 120-125", "12-5, 120-5"),
        ("l1120", "l1120"),
        ("iii-iv", "iii-iv"),
    ],
)
def test_page_ranges_are_written_in_the_short_form(pages, short):
    assert short_page_range(pages) == short


def test_a_web_page_has_internet_after_its_title_and_the_date_cited():
    html = vancouver_html(
        reference(
            csl_type="webpage",
            title="Cancer-Pain.org",
            publisher="Association of Cancer Online Resources, Inc.",
            csl_extra={"publisher-place": "New York", "accessed": {"date-parts": [[2002, 7, 9]]}},
            issued_year=2002,
            issued_month=5,
            issued_day=16,
            url="http://www.cancer-pain.org/",
        )
    )

    assert html == (
        "Cancer-Pain.org [Internet]. New York: Association of Cancer Online Resources, Inc.; "
        '2002 May 16 [cited 2002 Jul 9]. Available from: <a href="http://www.cancer-pain.org/">'
        "http://www.cancer-pain.org/</a>"
    )


def test_a_journal_article_read_on_the_internet_has_internet_after_the_journal_and_the_date_cited():
    html = vancouver_html(
        reference(
            title="Quality improvement initiative in nursing homes: the ANA acts in an advisory role",
            authors=[{"family": "Abood", "given": "Sheila"}],
            container_title="American Journal of Nursing",
            csl_extra={"container-title-short": "Am J Nurs", "accessed": {"date-parts": [[2002, 8, 12]]}},
            issued_year=2002,
            issued_month=6,
            volume="102",
            issue="6",
            pages="23",
            url="https://www.nursingworld.org/AJN/2002/june/Wawatch.htm",
        )
    )

    assert html == (
        "Abood S. Quality improvement initiative in nursing homes: the ANA acts in an advisory role. "
        "Am J Nurs [Internet]. 2002 Jun [cited 2002 Aug 12];102(6):23. Available from: "
        '<a href="https://www.nursingworld.org/AJN/2002/june/Wawatch.htm">'
        "https://www.nursingworld.org/AJN/2002/june/Wawatch.htm</a>"
    )


def test_a_date_accessed_without_a_web_address_is_not_shown():
    html = vancouver_html(
        reference(title="T", container_title="J", issued_year=2020, csl_extra={"accessed": {"date-parts": [[2021, 1, 2]]}})
    )

    assert html == "T. J. 2020."


def test_a_book_gives_place_publisher_and_year():
    html = vancouver_html(
        reference(
            csl_type="book",
            title="Medical microbiology",
            authors=[{"family": "Murray", "given": "Patrick R."}, {"family": "Rosenthal", "given": "Ken S."}],
            publisher="Mosby",
            csl_extra={"publisher-place": "St. Louis"},
            issued_year=2002,
        )
    )

    assert html == "Murray PR, Rosenthal KS. Medical microbiology. St. Louis: Mosby; 2002."
