"""Askers' email addresses are shown only to staff with the triage permission."""

from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from tests.articles.followup_helpers import published_article, question_for

LIST_URL = reverse("admin:articles_followupquestion_changelist")


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_editor_who_triages_sees_the_address(editor):
    question = question_for(published_article(), email="asker@example.org")
    client = _logged_in(editor)
    assert "asker@example.org" in client.get(LIST_URL).content.decode()
    change = client.get(reverse("admin:articles_followupquestion_change", args=[question.pk])).content.decode()
    assert "asker@example.org" in change
    assert [q.pk for q in client.get(LIST_URL, {"q": "asker@example"}).context["cl"].result_list] == [question.pk]


def test_a_board_member_reads_the_questions_but_not_who_asked(board_member):
    question = question_for(published_article(), email="asker@example.org", question="Can children have it?")
    client = _logged_in(board_member)
    listing = client.get(LIST_URL)
    assert "Can children have it?" in listing.content.decode()
    assert "asker@example.org" not in listing.content.decode()
    change = client.get(reverse("admin:articles_followupquestion_change", args=[question.pk]))
    assert change.status_code == 200
    assert "asker@example.org" not in change.content.decode()
    # Nor can the address be found by searching for it.
    assert list(client.get(LIST_URL, {"q": "asker@example"}).context["cl"].result_list) == []


def test_changing_questions_without_the_triage_permission_shows_no_address(db):
    user = User.objects.create_user("helper", password="pw-for-tests-only", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_followupquestion", "change_followupquestion"])
    )
    question = question_for(published_article(), email="asker@example.org")
    client = _logged_in(user)
    change = client.get(reverse("admin:articles_followupquestion_change", args=[question.pk]))
    assert change.status_code == 200
    assert "asker@example.org" not in change.content.decode()
    assert "asker@example.org" not in client.get(LIST_URL).content.decode()
