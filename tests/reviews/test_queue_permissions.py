"""Who may open the review queue and a review's page, per role: the editorial roles and the
board do; an account without a role is refused with a reason; the anonymous visitor and a
non-staff account are sent to log in. A refused POST writes nothing."""

import pytest

from reviews.models import Review, ReviewComment, ReviewState
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history
from tests.reviews.queue_pages import review_url
from tests.staff import make_staff_reader

QUEUE = "/admin/reviews/reviewqueue/"
ALLOWED = ["editor", "chief_editor", "translator", "board_member"]


@pytest.fixture
def submitted(editor):
    article = make_article_with_history(editor, slug="knee", status="published")
    workflow.submit(article, "en", editor)
    return article


def pages(article):
    return [QUEUE, f"{QUEUE}?tab=overdue", review_url(article)]


@pytest.mark.parametrize("role", ALLOWED)
def test_roles_open_the_queue_and_the_review_page(client, request, role, submitted):
    client.force_login(request.getfixturevalue(role))
    for url in pages(submitted):
        assert client.get(url).status_code == 200, url


def test_the_queue_is_on_the_admin_index_for_the_board(client, board_member, db):
    client.force_login(board_member)
    assert QUEUE in client.get("/admin/").content.decode()


def test_staff_without_a_role_is_refused_with_a_reason(client, submitted):
    client.force_login(make_staff_reader())
    for url in pages(submitted):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Your account may not open the medical review queue." in response.content.decode()
    response = client.post(review_url(submitted), {"_action": "comment", "text": "Hello."})
    assert response.status_code == 403
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_outsiders_and_anonymous_visitors_are_sent_to_log_in(client, request, who, submitted):
    if who == "outsider":
        client.force_login(request.getfixturevalue("outsider"))
    for url in pages(submitted):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    revision = Review.objects.get().revision_id
    response = client.post(review_url(submitted), {"_action": "approve", "revision": revision})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Review.objects.get().state == ReviewState.SUBMITTED


@pytest.mark.parametrize("role", ["editor", "chief_editor", "translator"])
def test_editorial_roles_see_no_approve_form_and_a_forged_approval_is_refused(client, request, role, submitted):
    client.force_login(request.getfixturevalue(role))
    page = client.get(review_url(submitted))
    assert 'id="approve-form"' not in page.content.decode()
    revision = Review.objects.get().revision_id
    response = client.post(review_url(submitted), {"_action": "approve", "revision": revision}, follow=True)
    assert response.status_code == 200
    assert "only board members review articles" in response.content.decode()
    assert Review.objects.get().state == ReviewState.SUBMITTED


def test_a_missing_review_is_not_found(client, board_member, db):
    client.force_login(board_member)
    assert client.get(f"{QUEUE}999999/").status_code == 404
