"""Only a chief medical editor assigns a review to board members (who read its language); the
assignee then finds it under "Assigned to me"."""

import pytest

from reviews.models import Review
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history, make_board_member
from tests.reviews.queue_pages import messages_of, review_url


@pytest.fixture
def submitted(editor):
    article = make_article_with_history(editor, slug="knee", status="published")
    workflow.submit(article, "en", editor)
    return article


def test_chief_editor_assigns_a_board_member(client, chief_editor, reviewer, submitted):
    client.force_login(chief_editor)
    page = client.get(review_url(submitted))
    assert 'name="assigned_to"' in page.content.decode()
    response = client.post(review_url(submitted), {"_action": "assign", "assigned_to": [reviewer.pk]}, follow=True)
    assert messages_of(response) == ["The assignment was saved."]
    assert list(Review.objects.get(article=submitted).assigned_to.all()) == [reviewer]
    client.force_login(reviewer)
    rows = client.get("/admin/reviews/reviewqueue/?tab=mine").context["rows"]
    assert [row.review.article.slug for row in rows] == ["knee"]


@pytest.mark.parametrize("role", ["editor", "translator", "board_member"])
def test_other_roles_may_not_assign(client, request, role, reviewer, submitted):
    client.force_login(request.getfixturevalue(role))
    assert 'name="assigned_to"' not in client.get(review_url(submitted)).content.decode()
    response = client.post(review_url(submitted), {"_action": "assign", "assigned_to": [reviewer.pk]}, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == ["Only a chief medical editor may assign reviews."]
    assert not Review.objects.get(article=submitted).assigned_to.exists()


def test_a_member_who_does_not_read_the_language_cannot_be_assigned(client, chief_editor, editor):
    chinese_only = make_board_member("chinese-only", languages="zh-hans")
    article = make_article_with_history(editor, slug="knee", status="published")
    workflow.submit(article, "en", editor)
    client.force_login(chief_editor)
    response = client.post(review_url(article), {"_action": "assign", "assigned_to": [chinese_only.pk]})
    assert response.status_code == 200
    assert "Not a reviewer of English texts: chinese-only." in response.content.decode()
    assert not Review.objects.get(article=article).assigned_to.exists()


def test_only_board_members_can_be_chosen(client, chief_editor, editor, submitted):
    client.force_login(chief_editor)
    response = client.post(review_url(submitted), {"_action": "assign", "assigned_to": [editor.pk]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Review.objects.get(article=submitted).assigned_to.exists()
