"""Authors are edited as rows (family, given, or an organisation's name) and stored as the CSL
`author` list, whatever the names: particles and suffixes the rows do not show, organisations,
Chinese names."""

import pytest
from django.urls import reverse
from reversion.models import Version

from references.models import Reference
from tests.factories import make_article, make_reference
from tests.references.admin_forms import form_data


def change_url(reference):
    return reverse("admin:references_reference_change", args=[reference.pk])


@pytest.fixture
def mixed_authors():
    return make_reference(
        "who-2024",
        authors=[
            {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van", "suffix": "Jr."},
            {"literal": "World Health Organization"},
            {"family": "张", "given": "伟"},
        ],
    )


def test_each_author_is_a_row_with_family_given_and_organisation(editor_client, mixed_authors):
    html = editor_client.get(change_url(mixed_authors)).content.decode()
    assert 'name="authors-0-family" value="Beethoven"' in html
    assert 'name="authors-0-given" value="Ludwig"' in html
    assert 'name="authors-1-literal" value="World Health Organization"' in html
    assert 'name="authors-2-family" value="张"' in html and 'name="authors-2-given" value="伟"' in html
    assert "dropping-particle: van" in html  # shown, and kept in the row's hidden input
    assert 'name="authors-rows" value="6"' in html  # three names and three empty rows
    assert '<textarea name="authors"' not in html


def test_saving_the_form_unchanged_keeps_every_name_part_and_makes_no_revision(editor_client, mixed_authors):
    make_article("cites-it", summary="Stated [@who-2024].")  # a published article cites it
    before = Version.objects.get_for_model(Reference).count()
    data = form_data(editor_client, change_url(mixed_authors))
    data["lookup"] = "10.1000/typed-but-not-looked-up"
    response = editor_client.post(change_url(mixed_authors), data)
    assert response.status_code == 302
    mixed_authors.refresh_from_db()
    assert mixed_authors.authors == [
        {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van", "suffix": "Jr."},
        {"literal": "World Health Organization"},
        {"family": "张", "given": "伟"},
    ]
    assert Version.objects.get_for_model(Reference).count() == before


def test_adding_removing_and_editing_rows(editor_client, mixed_authors):
    data = form_data(editor_client, change_url(mixed_authors))
    data["authors-1-remove"] = "on"
    data["authors-0-given"] = "Ludwig\r\n"  # a browser's CRLF
    data["authors-3-family"] = "O'Neil"
    data["authors-3-given"] = "Mary Ann"
    data["authors-4-literal"] = "中华医学会"
    response = editor_client.post(change_url(mixed_authors), data)
    assert response.status_code == 302
    mixed_authors.refresh_from_db()
    assert mixed_authors.authors == [
        {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van", "suffix": "Jr."},
        {"family": "张", "given": "伟"},
        {"family": "O'Neil", "given": "Mary Ann"},
        {"literal": "中华医学会"},
    ]


def test_a_reference_written_in_chinese_only_is_added_with_row_authors(editor_client):
    response = editor_client.post(
        reverse("admin:references_reference_add"),
        {
            "key": "zhang-wei-2020",
            "csl_type": "article-journal",
            "evidence": "cohort",
            "title": "膝骨关节炎注射治疗的队列研究",
            "authors-rows": "3",
            "authors-0-family": "张",
            "authors-0-given": "伟",
            "authors-1-family": "李",
            "authors-1-given": "娜",
            "authors-2-literal": "中华医学会骨科学分会",
            "container_title": "中华骨科杂志",
            "csl_extra": "{}",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reference = Reference.objects.get(title="膝骨关节炎注射治疗的队列研究")
    assert reference.authors == [{"family": "张", "given": "伟"}, {"family": "李", "given": "娜"},
                                 {"literal": "中华医学会骨科学分会"}]


def test_a_row_with_a_given_name_only_is_refused_and_what_was_typed_is_kept(editor_client, mixed_authors):
    data = form_data(editor_client, change_url(mixed_authors))
    data["authors-3-given"] = "Anna"
    data["authors-4-literal"] = "Cochrane"
    data["authors-4-family"] = "Smith"
    response = editor_client.post(change_url(mixed_authors), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Author 4 has a given name but no family name" in html
    assert "Author 5: give either an organisation&#x27;s name or a person&#x27;s family and given names" in html
    assert 'name="authors-3-given" value="Anna"' in html
    assert 'name="authors-4-literal" value="Cochrane"' in html
    mixed_authors.refresh_from_db()
    assert len(mixed_authors.authors) == 3


def test_damaged_hidden_name_parts_are_reported_not_lost_silently(editor_client, mixed_authors):
    data = form_data(editor_client, change_url(mixed_authors))
    data["authors-0-extra"] = "{not json"
    response = editor_client.post(change_url(mixed_authors), data)
    assert response.status_code == 200
    assert "Author 1: the hidden name parts are damaged" in response.content.decode()
