"""Requesting changes from the review page needs a comment; without one the form says so and
keeps the rest of the page; with one the state moves and the editors see why."""

import pytest

from reviews.models import Review, ReviewEvent, ReviewState
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history
from tests.reviews.queue_pages import review_url


@pytest.fixture
def submitted(editor):
    article = make_article_with_history(editor, slug="knee", status="published")
    workflow.submit(article, "en", editor)
    return article


def test_request_changes_without_a_comment_is_a_form_error(client, reviewer, submitted):
    client.force_login(reviewer)
    response = client.post(review_url(submitted), {"_action": "request_changes", "comment": "  \r\n "})
    assert response.status_code == 200
    assert "requesting changes needs a comment" in response.content.decode()
    assert Review.objects.get(article=submitted).state == ReviewState.SUBMITTED
    assert list(ReviewEvent.objects.values_list("action", flat=True)) == ["submit"]


def test_request_changes_with_a_comment(client, reviewer, submitted, editor):
    client.force_login(reviewer)
    comment = "Cite the 2024 trial.\r\nAnd give the dose."
    response = client.post(review_url(submitted), {"_action": "request_changes", "comment": comment}, follow=True)
    assert "Changes were requested" in response.content.decode()
    assert Review.objects.get(article=submitted).state == ReviewState.CHANGES_REQUESTED
    assert ReviewEvent.objects.last().comment == "Cite the 2024 trial.\nAnd give the dose."
    client.force_login(editor)
    assert "Cite the 2024 trial." in client.get(review_url(submitted)).content.decode()


def test_a_refused_request_keeps_what_the_reviewer_typed(client, submitted, django_user_model):
    """A translator has the page but is no board member: the refusal is a message, the text stays."""
    from django.contrib.auth.models import Group

    translator = django_user_model.objects.create_user("t2", is_staff=True)
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    response = client.post(review_url(submitted), {"_action": "request_changes", "comment": "Too long."})
    html = response.content.decode()
    assert response.status_code == 200
    assert "only board members review articles" in html
    assert response.context["changes_form"].data["comment"] == "Too long."
    assert Review.objects.get(article=submitted).state == ReviewState.SUBMITTED
