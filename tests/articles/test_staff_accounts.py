"""The chief medical editor adds and deactivates staff accounts and sets their roles."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client
from django.urls import reverse

from articles.staff.roles import TRANSLATORS
from tests.factories import make_article

LIST = reverse("admin:articles_staffaccount_changelist")
ADD = reverse("admin:articles_staffaccount_add")


def change_url(user):
    return reverse("admin:articles_staffaccount_change", args=[user.pk])


def account_data(**overrides):
    data = {"username": "lin", "first_name": "Lin", "last_name": "Wei", "email": "lin@example.org",
            "is_active": "on", "roles": [str(Group.objects.get(name=TRANSLATORS).pk)]}
    data.update(overrides)
    return data


@pytest.fixture
def chief_client(client, chief_editor):
    client.force_login(chief_editor)
    return client


def test_chief_editor_creates_a_translator_who_logs_in_through_the_invitation(
    chief_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = chief_client.post(ADD, account_data())
    assert response.status_code == 302
    user = User.objects.get(username="lin")
    assert user.is_staff and user.is_active and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [TRANSLATORS]
    assert not user.has_usable_password()
    assert user.user_permissions.count() == 0

    [email] = mail.outbox
    assert email.to == ["lin@example.org"]
    link = re.search(r"https?://\S+", email.body)[0]
    path = link.split("testserver", 1)[1]

    newcomer = Client()
    response = newcomer.get(path, follow=True)  # the token moves into the session, then the form
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = newcomer.post(form_url, {"new_password1": "a-long-new-passphrase-42", "new_password2": "a-long-new-passphrase-42"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    # Logged in as the translator, who may open the translation work and nothing more.
    assert newcomer.get(reverse("admin:index")).status_code == 200
    article = make_article(slug="knee")
    assert newcomer.get(reverse("admin:articles_article_change", args=[article.pk])).status_code == 200
    assert newcomer.get(LIST).status_code == 403
    newcomer = Client()  # signs in through the admin's login form, as a person would
    signed_in = newcomer.post("/admin/login/", {"username": "lin", "password": "a-long-new-passphrase-42", "next": "/admin/"})
    assert signed_in.status_code == 302 and "_auth_user_id" in newcomer.session


def test_the_invitation_link_works_only_once(chief_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        chief_client.post(ADD, account_data())
    path = re.search(r"https?://testserver(\S+)", mail.outbox[0].body)[1]
    first = Client()
    form_url = first.get(path, follow=True).redirect_chain[-1][0]
    first.post(form_url, {"new_password1": "a-long-new-passphrase-42", "new_password2": "a-long-new-passphrase-42"})
    response = Client().get(path, follow=True)
    assert not response.context["validlink"]


def test_no_email_is_sent_when_the_account_is_not_saved(chief_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = chief_client.post(ADD, account_data(email=""))
    assert response.status_code == 200
    assert not User.objects.filter(username="lin").exists()
    assert mail.outbox == []


def test_chief_editor_cannot_make_a_superuser_or_grant_permissions(chief_client):
    response = chief_client.post(
        ADD, account_data(is_superuser="on", is_staff="on", user_permissions=["1", "2"], groups=["999"])
    )
    assert response.status_code == 302
    user = User.objects.get(username="lin")
    assert not user.is_superuser
    assert user.user_permissions.count() == 0


def test_roles_are_the_only_groups_offered(chief_client, db):
    Group.objects.create(name="Site administrators")
    response = chief_client.get(ADD)
    offered = [str(group) for group in response.context["adminform"].form.fields["roles"].queryset]
    assert "Site administrators" not in offered
    assert sorted(offered) == sorted(["Editors", "Chief medical editors", "Medical Advisory Board", "Translators"])
    other = Group.objects.get(name="Site administrators")
    response = chief_client.post(ADD, account_data(roles=[str(other.pk)]))
    assert response.status_code == 200
    assert not User.objects.filter(username="lin").exists()


def test_chief_editor_changes_roles_and_deactivates(chief_client, editor):
    board = Group.objects.get(name="Medical Advisory Board")
    response = chief_client.post(change_url(editor), account_data(username="editor", email="e@example.org",
                                                                  roles=[str(board.pk)], is_active=""))
    assert response.status_code == 302
    editor.refresh_from_db()
    assert list(editor.groups.values_list("name", flat=True)) == ["Medical Advisory Board"]
    assert not editor.is_active


def test_deactivate_action(chief_client, editor, translator):
    response = chief_client.post(LIST, {"action": "deactivate", "_selected_action": [editor.pk, translator.pk]})
    assert response.status_code == 302
    assert not User.objects.get(pk=editor.pk).is_active
    assert not User.objects.get(pk=translator.pk).is_active


def test_superusers_are_not_listed_nor_editable(chief_client, db):
    root = User.objects.create_superuser("root", "root@example.org", "pw")
    assert "root" not in chief_client.get(LIST).content.decode()
    assert chief_client.get(change_url(root)).status_code == 302  # "does not exist" redirect
    chief_client.post(change_url(root), account_data(username="root", email="r@example.org", is_active=""))
    root.refresh_from_db()
    assert root.is_active and root.is_superuser


@pytest.mark.parametrize("role", ["editor", "translator", "board_member"])
def test_other_roles_cannot_manage_staff_accounts(client, request, role, django_capture_on_commit_callbacks):
    client.force_login(request.getfixturevalue(role))
    assert client.get(LIST).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(ADD, account_data()).status_code == 403
    assert not User.objects.filter(username="lin").exists()
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["outsider", None])
def test_non_staff_are_sent_to_login(client, request, role, db):
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_invitation_can_be_sent_again(chief_client, translator, django_capture_on_commit_callbacks):
    translator.email = "t@example.org"
    translator.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = chief_client.post(LIST, {"action": "invite_again", "_selected_action": [translator.pk]})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["t@example.org"]]


def test_a_mail_server_that_is_down_does_not_undo_the_account(chief_client, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.articles.test_staff_accounts.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = chief_client.post(ADD, account_data())
    assert response.status_code == 302
    assert User.objects.filter(username="lin").exists()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")
