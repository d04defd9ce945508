"""A board member approves from the review page: the page names the revision and fingerprint
approved; a text changed since the page was loaded is not approved."""

import pytest

from reviews.models import Review, ReviewEvent, ReviewState, SignOff
from reviews.workflow import rules as workflow
from reviews.workflow.fingerprint import article_fingerprint
from tests.reviews.conftest import make_article_with_history, save_as
from tests.reviews.queue_pages import review_url


@pytest.fixture
def submitted(editor):
    article = make_article_with_history(editor, slug="knee", status="published", title="Is rest enough?",
                                        summary="Mostly.", body="## Why\n\nBecause.\n")
    workflow.submit(article, "en", editor)
    return article


def test_review_page_shows_the_revision_and_fingerprint_being_approved(client, reviewer, submitted):
    client.force_login(reviewer)
    response = client.get(review_url(submitted))
    html = response.content.decode()
    revision = response.context["revision"]
    assert f"Approve revision {revision.pk}" in html
    assert article_fingerprint(submitted, "en")[:12] in html
    assert f'name="revision" value="{revision.pk}"' in html


def test_board_member_approves_from_the_queue(client, reviewer, submitted):
    client.force_login(reviewer)
    revision = client.get(review_url(submitted)).context["revision"]
    response = client.post(review_url(submitted), {"_action": "approve", "revision": revision.pk,
                                                   "comment": "Checked against the 2024 trial."}, follow=True)
    assert f"You approved revision {revision.pk}." in response.content.decode()
    review = Review.objects.get(article=submitted, language="en")
    assert review.state == ReviewState.APPROVED and review.approved_revision_id == revision.pk
    assert ReviewEvent.objects.last().comment == "Checked against the 2024 trial."
    assert "Medically reviewed by" in client.get(f"/en/articles/{submitted.slug}/").content.decode()


def test_approval_of_a_text_changed_since_the_page_was_loaded_is_refused(client, reviewer, editor, submitted):
    client.force_login(reviewer)
    seen = client.get(review_url(submitted)).context["revision"]
    save_as(editor, submitted, summary_en="Rarely.")  # meanwhile, in another session
    response = client.post(review_url(submitted), {"_action": "approve", "revision": seen.pk}, follow=True)
    assert response.status_code == 200
    assert "The text changed after the revision you reviewed" in response.content.decode()
    assert not SignOff.objects.exists()
    assert Review.objects.get(article=submitted).state == ReviewState.SUBMITTED


def test_start_review_from_the_queue(client, reviewer, submitted):
    client.force_login(reviewer)
    response = client.post(review_url(submitted), {"_action": "start_review"}, follow=True)
    assert "You started the review of this text." in response.content.decode()
    review = Review.objects.get(article=submitted)
    assert review.state == ReviewState.UNDER_REVIEW and review.assignee == reviewer


def test_approve_needs_a_post_with_the_csrf_token(reviewer, submitted):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reviewer)
    revision = browser.get(review_url(submitted)).context["revision"]
    assert browser.post(review_url(submitted), {"_action": "approve", "revision": revision.pk}).status_code == 403
    assert not SignOff.objects.exists()


def test_with_a_quorum_of_two_the_page_counts_the_approvals(client, reviewer, second_reviewer, submitted, settings):
    settings.REVIEW_QUORUM = 2
    client.force_login(reviewer)
    revision = client.get(review_url(submitted)).context["revision"]
    response = client.post(review_url(submitted), {"_action": "approve", "revision": revision.pk}, follow=True)
    html = response.content.decode()
    assert f"Your approval of revision {revision.pk} was recorded; more approvals are needed." in html
    assert "Under review (1 of 2 approvals)" in " ".join(html.split())
    client.force_login(second_reviewer)
    client.post(review_url(submitted), {"_action": "approve", "revision": revision.pk})
    assert Review.objects.get(article=submitted).state == ReviewState.APPROVED


def test_each_comment_box_on_the_review_page_has_its_own_id(client, reviewer, submitted):
    import re

    client.force_login(reviewer)
    html = client.get(review_url(submitted)).content.decode()
    ids = re.findall(r'<textarea[^>]*id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and {"id_approve_comment", "id_request_changes_comment"} <= set(ids)
    assert '<label for="id_approve_comment">' in html
