"""The review queue's tabs: assigned to me, waiting for anyone, all waiting, changes
requested, overdue or due soon; an approved text edited since waits again."""

import datetime

import pytest
from django.utils import timezone

from reviews.models import Review
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history, make_board_member, save_as

QUEUE = "/admin/reviews/reviewqueue/"


def listed(client, tab):
    response = client.get(f"{QUEUE}?tab={tab}")
    assert response.status_code == 200
    return sorted((row.review.article.slug, row.review.language) for row in response.context["rows"])


@pytest.fixture
def articles(editor, chief_editor, reviewer, second_reviewer):
    made = {}
    for slug in ("fresh", "assigned", "started", "sent-back", "approved", "edited", "due"):
        made[slug] = make_article_with_history(editor, slug=slug, status="published")
        workflow.submit(made[slug], "en", editor)
    Review.objects.get(article=made["assigned"]).assigned_to.add(reviewer)
    workflow.start_review(made["started"], "en", reviewer)
    workflow.request_changes(made["sent-back"], "en", second_reviewer, "Cite the trial.")
    for slug in ("approved", "edited", "due"):
        workflow.approve(made[slug], "en", second_reviewer)
    save_as(editor, made["edited"], summary_en="A different answer.")
    Review.objects.filter(article=made["due"]).update(next_review_due=timezone.localdate() - datetime.timedelta(days=1))
    Review.objects.filter(article=made["approved"]).update(
        next_review_due=timezone.localdate() + datetime.timedelta(days=300)
    )
    return made


def test_assigned_to_me_lists_what_the_chief_editor_assigned_and_what_i_started(client, reviewer, articles):
    client.force_login(reviewer)
    assert listed(client, "mine") == [("assigned", "en"), ("started", "en")]


def test_waiting_for_anyone_lists_unassigned_texts_including_approved_ones_edited_since(client, reviewer, articles):
    client.force_login(reviewer)
    assert listed(client, "open") == [("edited", "en"), ("fresh", "en")]


def test_all_waiting(client, editor, articles):
    client.force_login(editor)
    assert listed(client, "waiting") == [("assigned", "en"), ("edited", "en"), ("fresh", "en"), ("started", "en")]


def test_changes_requested(client, reviewer, articles):
    client.force_login(reviewer)
    assert listed(client, "changes") == [("sent-back", "en")]


def test_overdue_lists_approved_texts_whose_review_is_due(client, reviewer, articles):
    client.force_login(reviewer)
    response = client.get(f"{QUEUE}?tab=overdue")
    assert [row.review.article.slug for row in response.context["rows"]] == ["due"]
    assert "review overdue since" in response.content.decode()


def test_a_board_member_starts_on_their_own_tab(client, reviewer, editor, articles):
    client.force_login(reviewer)
    assert client.get(QUEUE).context["tab"] == "mine"
    client.force_login(editor)
    assert client.get(QUEUE).context["tab"] == "waiting"


def test_waiting_for_anyone_shows_a_board_member_only_languages_they_review(client, editor, db):
    english_only = make_board_member("english-only", languages="en")
    article = make_article_with_history(editor, slug="chinese", lang="zh-hans", title="膝盖?", summary="休息。")
    workflow.submit(article, "zh-hans", editor)
    client.force_login(english_only)
    assert listed(client, "open") == []
    client.force_login(editor)
    assert listed(client, "open") == [("chinese", "zh-hans")]


def test_rows_link_to_the_diff_since_the_last_approval_or_to_the_preview(client, reviewer, articles):
    client.force_login(reviewer)
    rows = {row.review.article.slug: row for row in client.get(f"{QUEUE}?tab=open").context["rows"]}
    assert rows["edited"].diff_url.startswith(f"/admin/articles/article/{articles['edited'].pk}/history/compare/?a=")
    assert rows["fresh"].diff_url == ""
    assert ("/en/articles/fresh/preview/?persona=patient") in [url for _p, url in rows["fresh"].preview_urls]
    assert client.get(rows["edited"].diff_url).status_code == 200
