"""Two-factor authentication: available to staff, required for sign-off roles with REQUIRE_2FA=1."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "pw-for-tests-only"


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _login(client, username, code=""):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": PASSWORD, "otp_token": code, "next": "/admin/"},
    )


def _enrolled(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA = True


def test_board_member_without_an_app_must_set_one_up_first(required, board_member):
    client = Client()
    assert _login(client, "board").status_code == 302  # the password is right
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/two-factor/"

    page = client.get("/admin/two-factor/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "must use two-factor authentication" in html
    device = TOTPDevice.objects.get(user=board_member, confirmed=False)
    done = client.post("/admin/two-factor/", {"token": _code(device)})
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_chief_editor_with_an_app_needs_the_code_to_sign_in(required, chief_editor):
    device = _enrolled(chief_editor)
    client = Client()
    refused = _login(client, "chief")
    assert refused.status_code == 200 and "errornote" in refused.content.decode()
    assert client.get("/admin/").status_code == 302  # not signed in

    assert _login(client, "chief", _code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_session_without_the_code_cannot_use_the_admin(required, board_member):
    _enrolled(board_member)
    client = Client()
    client.force_login(board_member)  # password only, as before the rule
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_editors_are_not_forced_but_may_opt_in(required, editor):
    client = Client()
    assert _login(client, "editor").status_code == 302
    assert client.get("/admin/").status_code == 200

    device = _enrolled(editor)
    other = Client()
    assert _login(other, "editor").status_code == 200  # has an app now: the code is asked
    assert _login(other, "editor", _code(device)).status_code == 302


def test_without_require_2fa_board_members_sign_in_with_a_password(board_member):
    client = Client()
    assert _login(client, "board").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_during_setup_is_refused(required, board_member):
    client = Client()
    client.force_login(board_member)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=board_member)
    wrong = "000000" if _code(device) != "000000" else "111111"
    response = client.post("/admin/two-factor/", {"token": wrong})
    assert "That code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
