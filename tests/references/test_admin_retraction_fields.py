"""Editors can mark a retraction by hand, with the notice's DOI and date; a notice without
the retracted box ticked is refused, keeping what was typed."""

import datetime

from django.urls import reverse

from tests.factories import make_article, make_reference
from tests.references.admin_forms import form_data


def test_an_editor_marks_a_published_articles_reference_retracted_by_hand(editor_client):
    reference = make_reference("wakefield1998")
    make_article("mmr", summary="An old claim [@wakefield1998].")
    url = reverse("admin:references_reference_change", args=[reference.pk])
    data = form_data(editor_client, url)
    data.update({"retracted": "on", "retraction_notice_doi": "https://doi.org/10.1016/S0140-6736(10)60175-4",
                 "retracted_on": "2010-02-06"})
    assert editor_client.post(url, data).status_code == 302
    reference.refresh_from_db()
    assert reference.retracted
    assert reference.retraction_notice_doi == "10.1016/S0140-6736(10)60175-4"
    assert reference.retracted_on == datetime.date(2010, 2, 6)
    assert reference.retraction_source == "editor"


def test_a_notice_without_the_retracted_box_is_refused(editor_client):
    reference = make_reference("fine2020")
    url = reverse("admin:references_reference_change", args=[reference.pk])
    data = form_data(editor_client, url)
    data.update({"retraction_notice_doi": "10.1000/notice"})
    response = editor_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "A retraction date or notice needs the reference marked as retracted." in html
    assert 'value="10.1000/notice"' in html
    reference.refresh_from_db()
    assert reference.retraction_notice_doi == ""
