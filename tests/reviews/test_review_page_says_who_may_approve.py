"""The review page does not offer "Approve" to a board member the server would refuse: the
text's editor, its author, one who already approved it. It says why instead, and still lets
them request changes. Another board member sees the button."""

import pytest

from articles.models import Authorship
from reviews.models import SignOff
from reviews.workflow import rules as workflow
from tests.factories import make_author
from tests.reviews.conftest import make_article_with_history, make_board_member, save_as
from tests.reviews.queue_pages import review_url

pytestmark = pytest.mark.django_db


def action_area(client, article):
    html = client.get(review_url(article)).content.decode()
    return html[html.index('id="review-actions"'):]


@pytest.fixture
def submitted(editor):
    article = make_article_with_history(editor, slug="knee", status="published")
    workflow.submit(article, "en", editor)
    return article


def test_a_board_member_who_edited_the_text_is_told_why_instead_of_the_button(client, editor, reviewer):
    article = make_article_with_history(editor, slug="knee", status="published")
    save_as(reviewer, article, summary_en="Rest first, then exercise.")
    workflow.submit(article, "en", editor)
    client.force_login(reviewer)

    area = action_area(client, article)
    assert "You wrote or edited this text: another board member must approve it." in area
    assert 'id="approve-form"' not in area and "Approve revision" not in area
    assert 'id="request-changes-form"' in area


def test_an_author_of_the_article_is_told_why(client, reviewer, submitted):
    Authorship.objects.create(article=submitted, author=make_author("Dr Mei Lin", user=reviewer), position=0)
    client.force_login(reviewer)
    area = action_area(client, submitted)
    assert "You are an author of this article: another board member must approve it." in area
    assert 'id="approve-form"' not in area


def test_a_member_who_already_approved_waits_for_the_second_approval(client, settings, reviewer, submitted):
    settings.REVIEW_QUORUM = 2
    workflow.approve(submitted, "en", reviewer)
    client.force_login(reviewer)
    area = action_area(client, submitted)
    assert "You have already approved this text; another board member must approve it too." in area
    assert 'id="approve-form"' not in area


def test_another_board_member_sees_the_approve_button(client, reviewer, submitted):
    client.force_login(reviewer)
    area = action_area(client, submitted)
    assert 'id="approve-form"' in area and 'id="approve-refused"' not in area


def test_the_server_still_refuses_a_post_from_the_editor(client, editor, submitted):
    board_editor = make_board_member("editing-member")
    save_as(board_editor, submitted, summary_en="Changed by a member.")
    client.force_login(board_editor)
    revision = workflow.current_revision(submitted, "en", workflow.article_fingerprint(submitted, "en"))
    response = client.post(review_url(submitted), {"_action": "approve", "revision": revision.pk}, follow=True)
    assert "another board member must approve it" in response.content.decode()
    assert not SignOff.objects.filter(reviewer=board_editor).exists()
