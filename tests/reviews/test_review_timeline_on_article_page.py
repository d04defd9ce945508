"""The article's admin change page shows, per language, the medical review's state and its
timeline: who did what, when, on which revision, with their comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import Review
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history
from tests.staff import make_staff_reader


@pytest.fixture
def reviewed(editor, reviewer):
    article = make_article_with_history(editor, slug="knee", status="published", title="Is rest enough?",
                                        summary="Mostly.", title_zh_hans="休息就够了吗？", summary_zh_hans="大多如此。")
    workflow.submit(article, "en", editor, "Ready for the board.")
    workflow.request_changes(article, "en", reviewer, "Cite the 2024 trial.")
    workflow.submit(article, "zh-hans", editor)
    return article


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.mark.parametrize("role", ["editor", "chief_editor", "translator", "board_member"])
def test_change_page_shows_the_timeline_per_language(client, request, role, reviewed):
    client.force_login(request.getfixturevalue(role))
    html = client.get(change_url(reviewed)).content.decode()
    timeline = html[html.index('id="review-timeline"'):]
    assert "English: Changes requested" in timeline
    assert "Simplified Chinese: Submitted" in timeline
    assert "Ready for the board." in timeline and "Cite the 2024 trial." in timeline
    assert "Requested changes" in timeline and "reviewer" in timeline
    revision = Review.objects.get(article=reviewed, language="en").revision_id
    assert f"<td>{revision}</td>" in timeline
    review = Review.objects.get(article=reviewed, language="en")
    assert f"/admin/reviews/reviewqueue/{review.pk}/" in timeline


def test_no_timeline_for_staff_who_may_not_see_reviews(client, reviewed):
    client.force_login(make_staff_reader())
    html = client.get(change_url(reviewed)).content.decode()
    assert 'id="review-timeline"' not in html and "Cite the 2024 trial." not in html


def test_timeline_costs_the_same_queries_however_many_events(client, editor, reviewer, reviewed):
    client.force_login(editor)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(change_url(reviewed)).status_code == 200
        return len(captured.captured_queries)

    before = count()
    for _ in range(3):
        workflow.submit(reviewed, "en", editor)
        workflow.request_changes(reviewed, "en", reviewer, "Again.")
    assert count() == before
