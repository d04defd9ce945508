"""The audit trail records sign-offs, role changes, login failures, lockouts, publishing,
deletions and restores, with who acted; the chief medical editor reads and filters it."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test import Client

from articles.models import Article
from articles.staff.roles import TRANSLATORS, ensure_roles
from reviews.audit.models import AuditEvent
from reviews.workflow import rules as workflow
from tests.articles.test_concurrent_edit import form_data_from
from tests.factories import make_article
from tests.reviews.conftest import make_article_with_history

PASSWORD = "pw-for-tests-only"
Action = AuditEvent.Action


def _events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_sign_off_is_recorded_with_the_reviewer(editor, reviewer):
    article = make_article_with_history(editor, slug="audited")
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    (event,) = _events(Action.SIGN_OFF)
    assert event.actor == "reviewer" and event.object_repr == str(article)
    assert event.detail.startswith("en: revision ")
    assert [e.detail.split(":")[0] for e in _events(Action.REVIEW_STEP)] == ["en"]  # the submit


@pytest.mark.django_db(transaction=True)
def test_role_change_in_the_admin_names_who_changed_whom(admin_user):
    ensure_roles()
    staff = User.objects.create_user("newcomer", password=PASSWORD, is_staff=True)
    client = Client()
    client.force_login(admin_user)
    response = client.get(f"/admin/auth/user/{staff.pk}/change/")
    translators = Group.objects.get(name=TRANSLATORS)
    data = form_data_from(response, groups=[str(translators.pk)])
    data["date_joined_0"], data["date_joined_1"] = f"{staff.date_joined:%Y-%m-%d}", f"{staff.date_joined:%H:%M:%S}"
    saved = client.post(f"/admin/auth/user/{staff.pk}/change/", data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    events = _events(Action.ROLE_CHANGE)
    assert len(events) == 1, [(e.object_repr, e.detail) for e in events]
    (event,) = events
    assert event.actor == "admin" and event.object_repr == "newcomer"
    assert event.detail == f"added to {TRANSLATORS}"
    assert event.ip_address == "127.0.0.1"


def test_failed_login_and_lockout_are_recorded(editor, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"}, REMOTE_ADDR="192.0.2.9")
    failures = _events(Action.LOGIN_FAILED)
    assert len(failures) == settings.AXES_FAILURE_LIMIT
    assert {(f.object_repr, f.ip_address) for f in failures} == {("editor", "192.0.2.9")}
    (lockout,) = _events(Action.LOCKOUT)
    assert lockout.object_repr == "editor" and "192.0.2.9" in lockout.detail


@pytest.mark.django_db(transaction=True)
def test_publish_unpublish_and_delete_in_the_admin_are_recorded(editor_client):
    article = make_article("to-publish", status="draft")
    url = f"/admin/articles/article/{article.pk}/change/"
    assert editor_client.post(url, form_data_from(editor_client.get(url), status="published")).status_code == 302
    assert editor_client.post(url, form_data_from(editor_client.get(url), status="draft")).status_code == 302
    (published,) = _events(Action.PUBLISH)
    (unpublished,) = _events(Action.UNPUBLISH)
    assert published.actor == unpublished.actor == "editor"
    assert published.object_id == str(article.pk)

    Article.objects.get(pk=article.pk).delete()
    (deleted,) = _events(Action.DELETE)
    assert deleted.object_repr == str(article)


def test_what_was_rolled_back_is_not_logged_as_published(db):
    article = make_article("rolled-back", status="draft")
    with pytest.raises(RuntimeError), transaction.atomic():
        article.status = "published"
        article.save()
        raise RuntimeError("the request failed")
    assert _events(Action.PUBLISH) == []


def test_chief_editor_reads_and_filters_the_trail_others_may_not(chief_editor, editor, board_member, translator):
    AuditEvent.objects.create(action=Action.LOGIN_FAILED, object_repr="someone")
    AuditEvent.objects.create(action=Action.PUBLISH, object_repr="An article")
    chief = Client()
    chief.force_login(chief_editor)
    page = chief.get("/admin/reviews/auditevent/?action__exact=publish").content.decode()
    assert "An article" in page and "someone" not in page
    for user in (editor, board_member, translator):
        client = Client()
        client.force_login(user)
        assert client.get("/admin/reviews/auditevent/").status_code == 403
