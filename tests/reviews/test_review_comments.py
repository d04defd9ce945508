"""The discussion of a review: board members, editors, chief editors and translators add
comments, shown in order with who and when; comments are never changed or deleted."""

import pytest

from reviews.models import ReviewComment
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history
from tests.reviews.queue_pages import messages_of, review_url


@pytest.fixture
def submitted(editor):
    article = make_article_with_history(editor, slug="knee", status="published")
    workflow.submit(article, "en", editor)
    return article


@pytest.mark.parametrize("role", ["editor", "chief_editor", "translator", "board_member"])
def test_each_role_comments_on_a_review(client, request, role, submitted):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.post(review_url(submitted), {"_action": "comment", "text": "Is the dose per kilogram?"},
                           follow=True)
    assert messages_of(response) == ["Your comment was added."]
    assert "Is the dose per kilogram?" in response.content.decode()
    assert ReviewComment.objects.get().author == user


def test_comments_are_shown_in_order(client, editor, reviewer, submitted):
    client.force_login(reviewer)
    client.post(review_url(submitted), {"_action": "comment", "text": "First question."})
    client.force_login(editor)
    client.post(review_url(submitted), {"_action": "comment", "text": "First answer."})
    html = client.get(review_url(submitted)).content.decode()
    assert html.index("First question.") < html.index("First answer.")


def test_an_empty_comment_is_a_form_error(client, editor, submitted):
    client.force_login(editor)
    response = client.post(review_url(submitted), {"_action": "comment", "text": " \r\n"})
    assert response.status_code == 200
    assert "Write the comment first." in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_comments_are_append_only(editor, submitted):
    comment = ReviewComment.objects.create(review=submitted.reviews.get(), author=editor, text="Hello.")
    comment.text = "Changed."
    with pytest.raises(ValueError):
        comment.save()
    with pytest.raises(ValueError):
        comment.delete()
