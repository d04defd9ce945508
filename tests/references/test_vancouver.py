"""Reference list entries in the Vancouver (ICMJE / NLM) style."""

from references.formatting import evidence_badge_label, format_name, initials, vancouver_html
from references.models import Reference


def journal_article(**fields):
    defaults = {
        "key": "halpern-2002",
        "title": "Solid-organ transplantation in HIV-infected patients",
        "authors": [
            {"family": "Halpern", "given": "Scott D."},
            {"family": "Ubel", "given": "Peter A"},
            {"family": "Caplan", "given": "Arthur L"},
        ],
        "container_title": "N Engl J Med",
        "issued_year": 2002,
        "issued_month": 7,
        "issued_day": 25,
        "volume": "347",
        "issue": "4",
        "pages": "284-7",
    }
    return Reference(**{**defaults, **fields})


def test_journal_article_follows_the_nlm_pattern():
    assert vancouver_html(journal_article()) == (
        "Halpern SD, Ubel PA, Caplan AL. Solid-organ transplantation in HIV-infected patients. "
        "N Engl J Med. 2002 Jul 25;347(4):284-7."
    )


def test_doi_and_pmid_link_to_their_resolvers():
    html = vancouver_html(journal_article(doi="10.1056/NEJMsa020549", pmid="12140307"))

    assert html.endswith(
        'doi: <a href="https://doi.org/10.1056/NEJMsa020549">10.1056/NEJMsa020549</a>. '
        'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/12140307/">12140307</a>.'
    )


def test_more_than_six_authors_are_cut_to_six_and_et_al():
    authors = [{"family": f"Author{n}", "given": "Anna"} for n in range(1, 9)]

    html = vancouver_html(journal_article(authors=authors))

    assert html.startswith("Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, Author6 A, et al. Solid")


def test_exactly_six_authors_are_all_listed():
    authors = [{"family": f"Author{n}", "given": "Anna"} for n in range(1, 7)]

    assert vancouver_html(journal_article(authors=authors)).startswith(
        "Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, Author6 A. Solid"
    )


def test_given_names_become_initials_without_dots():
    assert initials("Anna Maria") == "AM"
    assert initials("Jean-Pierre") == "JP"
    assert initials("J. R. R.") == "JRR"
    assert (
        format_name({"family": "Beethoven", "non-dropping-particle": "van", "given": "Ludwig"})
        == "van Beethoven L"
    )
    assert format_name({"family": "King", "given": "Martin Luther", "suffix": "Jr"}) == "King ML Jr"


def test_chinese_names_are_written_in_full():
    assert format_name({"family": "王", "given": "小明"}) == "王小明"


def test_an_organisation_as_author_is_written_as_is():
    html = vancouver_html(journal_article(authors=[{"literal": "World Health Organization"}]))

    assert html.startswith("World Health Organization. Solid-organ")


def test_a_title_ending_in_a_question_mark_gets_no_period():
    html = vancouver_html(journal_article(title="Is rest the best treatment?"))

    assert "Caplan AL. Is rest the best treatment? N Engl J Med." in html


def test_journal_issue_without_volume_and_year_only():
    html = vancouver_html(
        journal_article(volume="", issue="320", issued_month=None, issued_day=None, pages="110-4")
    )

    assert html.endswith("N Engl J Med. 2002;(320):110-4.")


def test_report_ends_with_publisher_and_year():
    reference = Reference(
        key="nice-2025",
        csl_type="report",
        title="Osteoarthritis in over 16s",
        authors=[{"literal": "National Institute for Health and Care Excellence"}],
        container_title="NICE guideline NG226",
        publisher="NICE",
        issued_year=2025,
    )

    assert vancouver_html(reference) == (
        "National Institute for Health and Care Excellence. Osteoarthritis in over 16s. "
        "NICE guideline NG226. NICE; 2025."
    )


def test_book_chapter_names_the_book_and_pages():
    reference = Reference(
        key="murray",
        csl_type="chapter",
        title="Staphylococcus",
        authors=[{"family": "Murray", "given": "Patrick R"}],
        container_title="Medical microbiology",
        publisher="Mosby",
        issued_year=2002,
        pages="93-113",
    )

    assert (
        vancouver_html(reference)
        == "Murray PR. Staphylococcus. In: Medical microbiology. Mosby; 2002. p. 93-113."
    )


def test_webpage_is_marked_internet_and_links_its_url():
    reference = Reference(
        key="nhs",
        csl_type="webpage",
        title="Knee pain",
        authors=[{"literal": "NHS"}],
        publisher="NHS",
        issued_year=2024,
        url="https://www.nhs.uk/conditions/knee-pain/",
    )

    assert vancouver_html(reference) == (
        "NHS. Knee pain [Internet]. NHS; 2024. Available from: "
        '<a href="https://www.nhs.uk/conditions/knee-pain/">https://www.nhs.uk/conditions/knee-pain/</a>'
    )


def test_a_url_that_is_not_a_web_address_is_shown_but_not_linked():
    html = vancouver_html(journal_article(url="javascript:alert(1)"))

    assert "<a" not in html
    assert html.endswith("Available from: javascript:alert(1)")


def test_a_url_equal_to_the_doi_link_is_not_repeated():
    html = vancouver_html(journal_article(doi="10.1000/x", url="https://doi.org/10.1000/x"))

    assert html.count("https://doi.org/10.1000/x") == 1
    assert "Available from" not in html


def test_everything_from_the_library_is_escaped_or_dropped():
    html = vancouver_html(
        journal_article(
            title="<script>alert(1)</script>Title",
            container_title="A & B",
            authors=[{"literal": '<b onclick="x">Evil</b>'}],
        )
    )

    assert "<script" not in html and "<b" not in html
    assert "alert(1)" not in html  # a title's markup other than CSL's does not survive
    assert "Title. A &amp; B." in html
    assert "A &amp; B." in html


def test_a_retracted_source_is_visibly_marked():
    html = vancouver_html(journal_article(retracted=True))

    assert html.startswith('<strong class="retracted">Retracted</strong> Halpern SD')


def test_evidence_badge_label_is_the_evidence_type_shown_to_readers():
    assert evidence_badge_label(journal_article(evidence="systematic-review")) == "Systematic review"
