"""The reference form's box "more authors not listed (et al.)": beside the author rows, saved,
shown ticked again, and what the article page then shows; "et al." typed as the last author
row is the box, not an organisation."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_reference
from tests.references.admin_forms import form_data

NAMES = [{"family": "Jo", "given": "Chris Hyunchul"}, {"family": "Lee", "given": "Young Gil"}]


def change_url(reference):
    return reverse("admin:references_reference_change", args=[reference.pk])


def checkbox(html):
    return re.search(r'<input type="checkbox" name="authors_incomplete"[^>]*>', html).group()


@pytest.fixture
def trial(db):
    return make_reference("jo-2014", title="A proof-of-concept trial", authors=NAMES)


def test_the_box_sits_with_the_authors_and_is_unticked_for_a_complete_list(editor_client, trial):
    html = editor_client.get(change_url(trial)).content.decode()
    assert "More authors not listed (et al.)" in html
    assert html.index('name="authors-rows"') < html.index('name="authors_incomplete"') < html.index(
        'name="container_title"'
    )
    assert "checked" not in checkbox(html)


def test_ticking_the_box_saves_it_shows_it_ticked_and_the_page_says_et_al(editor_client, client, trial):
    make_article("knee", summary="It helped [@jo-2014].")
    data = form_data(editor_client, change_url(trial))
    data["authors_incomplete"] = "on"
    response = editor_client.post(change_url(trial), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    trial.refresh_from_db()
    assert trial.authors_incomplete is True
    assert trial.authors == NAMES
    assert "checked" in checkbox(editor_client.get(change_url(trial)).content.decode())
    page = client.get("/en/articles/knee/").content.decode()
    assert "Jo CH, Lee YG, et al. A proof-of-concept trial." in page


def test_unticking_the_box_makes_the_list_complete_again(editor_client, db):
    reference = make_reference("cut", authors=NAMES, authors_incomplete=True)
    data = form_data(editor_client, change_url(reference))  # a browser posts no unticked box
    response = editor_client.post(change_url(reference), data)
    assert response.status_code == 302
    reference.refresh_from_db()
    assert reference.authors_incomplete is False


def test_et_al_typed_as_the_last_author_row_is_the_box(editor_client, trial):
    data = form_data(editor_client, change_url(trial))
    data["authors-2-literal"] = "et al."
    response = editor_client.post(change_url(trial), data)
    assert response.status_code == 302
    trial.refresh_from_db()
    assert (trial.authors, trial.authors_incomplete) == (NAMES, True)


def test_et_al_between_authors_is_refused_and_the_rows_are_kept(editor_client, trial):
    data = form_data(editor_client, change_url(trial))
    data["authors-2-literal"] = "et al."
    data["authors-3-family"] = "Shin"
    response = editor_client.post(change_url(trial), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "can only be the last name of the author list" in html
    assert 'name="authors-3-family" value="Shin"' in html
    trial.refresh_from_db()
    assert (trial.authors, trial.authors_incomplete) == (NAMES, False)


def test_the_box_without_any_author_is_refused_with_the_box_kept_ticked(editor_client, trial):
    data = form_data(editor_client, change_url(trial))
    data["authors-0-remove"] = data["authors-1-remove"] = "on"
    data["authors_incomplete"] = "on"
    response = editor_client.post(change_url(trial), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "“More authors not listed” needs at least one author listed." in html
    assert "checked" in checkbox(html)
    trial.refresh_from_db()
    assert trial.authors == NAMES and trial.authors_incomplete is False
