"""A board member who edited the text cannot approve it from the queue: the page says why in an
admin message (no traceback, no bare 403) and nothing is recorded."""

from reviews.models import Review, ReviewState, SignOff
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history, save_as
from tests.reviews.queue_pages import messages_of, review_url


def test_board_member_who_edited_the_text_is_told_why_they_cannot_approve(client, editor, reviewer):
    article = make_article_with_history(editor, slug="knee", status="published")
    save_as(reviewer, article, summary_en="Rest first, then exercise.")
    workflow.submit(article, "en", editor)
    client.force_login(reviewer)
    revision = client.get(review_url(article)).context["revision"]
    response = client.post(review_url(article), {"_action": "approve", "revision": revision.pk}, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == ["You wrote or edited this text: another board member must approve it."]
    assert 'class="error"' in response.content.decode()
    assert not SignOff.objects.exists()
    assert Review.objects.get(article=article).state == ReviewState.SUBMITTED
