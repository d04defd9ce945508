"""Repeated failed logins lock out the account and the client; a chief medical editor unlocks."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client

LOGIN = "/admin/login/"
PASSWORD = "pw-for-tests-only"


def _attempt(client, username, password, ip="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip)


def _logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def locked_editor(editor, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _attempt(client, "editor", "wrong")
        assert response.status_code == 200  # the normal form with its error, until the limit
    assert _attempt(client, "editor", "wrong").status_code == 429  # the last failure locks
    return editor


def test_repeated_wrong_passwords_lock_the_account_with_a_styled_page(locked_editor, settings):
    client = Client()
    response = _attempt(client, "editor", PASSWORD)  # even the right password now
    assert response.status_code == 429
    html = response.content.decode()
    assert "Signing in is paused" in html and "/static/css/site.css" in html
    assert f"{settings.AXES_FAILURE_LIMIT} failed attempts" in html
    assert not _logged_in(client)


def test_the_account_stays_locked_from_another_client(locked_editor):
    client = Client()
    assert _attempt(client, "editor", PASSWORD, ip="198.51.100.7").status_code == 429
    assert not _logged_in(client)


def test_one_client_guessing_many_accounts_is_locked_out(editor, settings, db):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, f"guess{n}", "wrong", ip="203.0.113.5")
    assert _attempt(client, "editor", PASSWORD, ip="203.0.113.5").status_code == 429
    other = Client()
    assert _attempt(other, "editor", PASSWORD, ip="198.51.100.7").status_code == 302  # the account itself is fine
    assert _logged_in(other)


def test_a_successful_login_resets_the_count(editor, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, "editor", "wrong")
    assert _attempt(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, "editor", "wrong")
    assert _attempt(client, "editor", PASSWORD).status_code == 302


def test_chief_editor_unlocks_a_locked_account(locked_editor, chief_editor):
    chief = Client()
    chief.force_login(chief_editor)
    listing = chief.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "editor" in listing.content.decode()
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = chief.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()

    client = Client()
    assert _attempt(client, "editor", PASSWORD).status_code == 302
    assert _logged_in(client)


@pytest.mark.parametrize("role", ["editor", "translator", "board_member", "outsider"])
def test_only_chief_editors_see_and_clear_lockouts(role, request, locked_editor):
    user = request.getfixturevalue(role) if role != "editor" else User.objects.get(username="editor")
    client = Client()
    client.force_login(user)
    response = client.get("/admin/axes/accessattempt/")
    assert response.status_code in (302, 403)  # staff are refused, non-staff sent to the login page
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    client.post("/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": attempts, "post": "yes"})
    assert AccessAttempt.objects.count() == len(attempts)
