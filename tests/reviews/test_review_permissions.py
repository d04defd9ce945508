"""Who may move a language version through the review: each role x each transition, on a
PUBLISHED article, enforced by the rules themselves (the admin and the command call them)."""

import pytest

from reviews.models import Review, ReviewEvent, ReviewState
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history

ROLES = ["editor", "chief_editor", "translator", "board_member", "outsider"]
SUBMITTERS = {"editor", "chief_editor", "translator"}
REVIEWERS = {"board_member"}


@pytest.fixture
def writer(db):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("writer", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user


@pytest.fixture
def article(writer):
    return make_article_with_history(writer, slug="matrix", status="published", title="Is rest enough?",
                                     summary="Mostly.", body="## Why\n\nBecause.\n")


@pytest.fixture
def submitted(article, writer):
    workflow.submit(article, "en", writer)
    return article


def state(article):
    review = Review.objects.filter(article=article, language="en").first()
    return review.state if review else ReviewState.DRAFT


@pytest.mark.parametrize("role", ROLES)
def test_submit(request, article, role):
    user = request.getfixturevalue(role)
    if role in SUBMITTERS:
        workflow.submit(article, "en", user)
        assert state(article) == ReviewState.SUBMITTED
        assert ReviewEvent.objects.get().user == user
    else:
        with pytest.raises(workflow.ReviewRefused, match="may not submit"):
            workflow.submit(article, "en", user)
        assert state(article) == ReviewState.DRAFT
        assert not ReviewEvent.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_start_review(request, submitted, role):
    user = request.getfixturevalue(role)
    if role in REVIEWERS:
        workflow.start_review(submitted, "en", user)
        assert state(submitted) == ReviewState.UNDER_REVIEW
        assert Review.objects.get().assignee == user
    else:
        with pytest.raises(workflow.ReviewRefused, match="Medical Advisory Board"):
            workflow.start_review(submitted, "en", user)
        assert state(submitted) == ReviewState.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
def test_approve(request, submitted, role):
    user = request.getfixturevalue(role)
    if role in REVIEWERS:
        workflow.approve(submitted, "en", user)
        assert state(submitted) == ReviewState.APPROVED
    else:
        with pytest.raises(workflow.ReviewRefused, match="Medical Advisory Board"):
            workflow.approve(submitted, "en", user)
        assert state(submitted) == ReviewState.SUBMITTED
        assert not Review.objects.get().sign_offs.exists()


@pytest.mark.parametrize("role", ROLES)
def test_request_changes(request, submitted, role):
    user = request.getfixturevalue(role)
    if role in REVIEWERS:
        workflow.request_changes(submitted, "en", user, "Cite the 2024 trial.")
        assert state(submitted) == ReviewState.CHANGES_REQUESTED
        assert ReviewEvent.objects.last().comment == "Cite the 2024 trial."
    else:
        with pytest.raises(workflow.ReviewRefused, match="Medical Advisory Board"):
            workflow.request_changes(submitted, "en", user, "Cite the 2024 trial.")
        assert state(submitted) == ReviewState.SUBMITTED


def test_a_superuser_outside_the_board_cannot_approve(submitted, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="pw-for-tests-only")
    with pytest.raises(workflow.ReviewRefused, match="Medical Advisory Board"):
        workflow.approve(submitted, "en", admin)


def test_an_inactive_account_cannot_act(submitted, board_member, editor):
    board_member.is_active = False
    board_member.save()
    with pytest.raises(workflow.ReviewRefused):
        workflow.approve(submitted, "en", board_member)
    editor.is_active = False
    editor.save()
    with pytest.raises(workflow.ReviewRefused):
        workflow.submit(submitted, "zh-hans", editor)
