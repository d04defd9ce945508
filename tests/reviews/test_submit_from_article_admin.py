"""The article's change page shows each language version's review state and trust checklist,
with "Submit for medical review"; a failing checklist item asks for confirmation first."""

import datetime

import pytest
from django.urls import reverse

from reviews.models import Review, ReviewState
from tests.factories import make_author, make_reference
from tests.reviews.conftest import make_article_with_history


@pytest.fixture
def article(editor):
    make_reference("ice")
    author = make_author("Dr Ada Lane", credentials_en="MD", disclosure_en="None declared.")
    return make_article_with_history(
        editor, slug="ice", title="Does ice help?", summary="A little [@ice].",
        body="Ice eases pain for a day [@ice].\n\nMost people feel better within a week.\n",
        title_zh_hans="冰敷有用吗？", summary_zh_hans="有一点 [@ice]。", body_zh_hans="冰敷可以减轻疼痛 [@ice]。",
        authors=[author], literature_reviewed_through=datetime.date(2025, 3, 1),
    )


def submit_url(article, lang):
    return reverse("review_admin:submit", args=[article.pk, lang])


def state(article, lang):
    review = Review.objects.filter(article=article, language=lang).first()
    return review.state if review else None


def test_the_change_page_shows_the_checklist_and_submit_buttons(client, editor, article):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Medical review and trust checklist" in page
    assert "Line 3: “Most people feel better within a week.” cites no source." in page
    assert f'action="{submit_url(article, "en")}"' in page
    assert f'action="{submit_url(article, "zh-hans")}"' in page


def test_a_failing_checklist_asks_for_confirmation_before_submitting(client, editor, article):
    client.force_login(editor)
    response = client.post(submit_url(article, "en"), {"comment": "Ready."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Attribution: every paragraph and bullet point cites its source" in page
    assert "Line 3: “Most people feel better within a week.” cites no source." in page
    assert 'name="confirm" value="yes"' in page
    assert state(article, "en") is None

    response = client.post(submit_url(article, "en"), {"comment": "Ready.", "confirm": "yes"})
    assert response.status_code == 302
    assert state(article, "en") == ReviewState.SUBMITTED
    assert Review.objects.get(article=article, language="en").events.get().comment == "Ready."


def test_a_passing_checklist_submits_at_once(client, editor, article):
    client.force_login(editor)
    response = client.post(submit_url(article, "zh-hans"), follow=True)
    assert state(article, "zh-hans") == ReviewState.SUBMITTED
    assert "The Simplified Chinese version was submitted for medical review." in response.content.decode()


def test_a_refused_submission_says_why(client, editor, article):
    client.force_login(editor)
    client.post(submit_url(article, "zh-hans"))
    response = client.post(submit_url(article, "zh-hans"), follow=True)
    assert "is already waiting for review" in response.content.decode()


@pytest.mark.parametrize("who", ["board_member", "outsider_staff"])
def test_people_who_may_not_submit_are_refused(client, article, who, request):
    if who == "outsider_staff":
        from django.contrib.auth.models import User

        user = User.objects.create_user("staffer", is_staff=True)
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.post(submit_url(article, "en"), {"confirm": "yes"})
    assert response.status_code == 403
    assert state(article, "en") is None


def test_a_get_does_not_submit(client, editor, article):
    client.force_login(editor)
    assert client.get(submit_url(article, "en")).status_code == 405
    assert state(article, "en") is None
