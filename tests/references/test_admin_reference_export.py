"""The admin's reference list exports the selected references."""

import json

import bibtexparser
import rispy
from django.urls import reverse

from tests.factories import make_reference

LIST_URL = reverse("admin:references_reference_changelist")


def _export(client, action, references):
    return client.post(LIST_URL, {"action": action, "_selected_action": [ref.pk for ref in references]})


def test_an_editor_exports_the_selected_references_in_each_format(editor_client):
    beta = make_reference("beta", title="Beta trial")
    alpha = make_reference("alpha", title="Alpha review", doi="10.1000/alpha")
    make_reference("gamma", title="Not selected")

    response = _export(editor_client, "export_csl_json", [beta, alpha])
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    assert response["Content-Disposition"] == 'attachment; filename="references.json"'
    assert [item["id"] for item in json.loads(response.content)] == ["alpha", "beta"]

    response = _export(editor_client, "export_bibtex", [beta, alpha])
    library = bibtexparser.parse_string(response.content.decode())
    assert [entry.key for entry in library.entries] == ["alpha", "beta"]
    assert library.entries[0]["doi"] == "10.1000/alpha"

    response = _export(editor_client, "export_ris", [beta, alpha])
    assert response["Content-Disposition"] == 'attachment; filename="references.ris"'
    assert [entry["title"] for entry in rispy.loads(response.content.decode())] == ["Alpha review", "Beta trial"]


def test_a_board_member_who_only_reads_may_export(client, board_member):
    ref = make_reference("readable", title="Readable source")
    client.force_login(board_member)
    response = _export(client, "export_ris", [ref])
    assert response.status_code == 200
    assert rispy.loads(response.content.decode())[0]["id"] == "readable"


def test_someone_without_access_to_the_library_gets_nothing(client, outsider):
    ref = make_reference("hidden", title="Hidden source")
    client.force_login(outsider)
    response = _export(client, "export_ris", [ref])
    assert b"Hidden source" not in response.content
