"""Only users who may change references may use the lookup (it is enforced on the server)."""

from django.urls import reverse

from tests.factories import make_reference
from tests.references.standin import recorded

DOI = "10.1371/journal.pone.0033693"


def test_a_board_member_who_may_only_view_gets_403_and_no_request_is_made(client, board_member, standin):
    standin.crossref_work(DOI, recorded("crossref-work-10.1371-journal.pone.0033693.json"))
    reference = make_reference("viewable", doi=DOI)
    client.force_login(board_member)
    url = reverse("admin:references_reference_change", args=[reference.pk])
    assert client.post(url, {"_lookup": "1", "lookup": DOI}).status_code == 403
    assert client.post(reverse("admin:references_reference_add"), {"_lookup": "1", "lookup": DOI}).status_code == 403
    assert standin.requests == []


def test_an_account_without_a_role_cannot_use_it(outsider_client, standin):
    response = outsider_client.post(reverse("admin:references_reference_add"), {"_lookup": "1", "lookup": DOI})
    assert response.status_code in (302, 403)
    assert standin.requests == []


def test_an_editor_may(editor_client, standin):
    standin.crossref_work(DOI, recorded("crossref-work-10.1371-journal.pone.0033693.json"))
    response = editor_client.post(reverse("admin:references_reference_add"), {"_lookup": "1", "lookup": DOI})
    assert response.status_code == 200
    assert len(standin.requests) == 1


def test_a_board_member_sees_the_reference_read_only_without_the_lookup(client, board_member):
    reference = make_reference("viewable", authors=[{"family": "张", "given": "伟"}, {"literal": "WHO"}])
    client.force_login(board_member)
    response = client.get(reverse("admin:references_reference_change", args=[reference.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fill from DOI or PMID</button>" not in html
    assert 'name="_lookup"' not in html
    assert "DOI or PMID" not in html
