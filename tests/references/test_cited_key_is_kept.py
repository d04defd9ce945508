"""A reference's citation key cannot change while articles cite it: their texts (approved ones
among them) name it as [@key], and a new key would leave every one of them citing nothing."""

from django.urls import reverse

from references.models import Reference
from tests.factories import make_article, make_reference
from tests.references.admin_forms import form_data


def change_url(reference):
    return reverse("admin:references_reference_change", args=[reference.pk])


def test_renaming_a_cited_key_is_refused_and_the_page_still_renders(editor_client, client):
    reference = make_reference("knee-trial", title="A knee trial")
    make_article("knee", status="published", summary="Rest helps [@knee-trial].",
                 title_zh_hans="膝？", summary_zh_hans="休息有帮助 [@knee-trial]。")
    data = form_data(editor_client, change_url(reference)) | {"key": "knee2020"}
    response = editor_client.post(change_url(reference), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The key cannot change while articles cite this reference as [@knee-trial] (1: knee)." in html
    assert 'value="knee2020"' in html  # what the editor typed is kept
    assert Reference.objects.get(pk=reference.pk).key == "knee-trial"
    page = client.get("/en/articles/knee/").content.decode()
    assert "[@knee" not in page and "A knee trial" in page


def test_a_key_no_article_cites_may_change(editor_client):
    reference = make_reference("spare", title="Not cited yet")
    data = form_data(editor_client, change_url(reference)) | {"key": "spare-2021"}
    response = editor_client.post(change_url(reference), data)
    assert response.status_code == 302
    assert Reference.objects.get(pk=reference.pk).key == "spare-2021"


def test_other_fields_of_a_cited_reference_may_change(editor_client):
    reference = make_reference("cited", title="Old title")
    make_article("cites", summary="Yes [@cited].")
    data = form_data(editor_client, change_url(reference)) | {"title": "New title"}
    response = editor_client.post(change_url(reference), data)
    assert response.status_code == 302
    assert Reference.objects.get(pk=reference.pk).title == "New title"
