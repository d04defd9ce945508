"""The review's states and what each move records: Draft -> Submitted -> Under review ->
Approved, or Changes requested and back; an approved text that changes is pending again."""

import pytest
from reversion.models import Version

from reviews.models import Review, ReviewEvent, ReviewState
from reviews.workflow import rules as workflow
from reviews.workflow.rules import ReviewRefused
from tests.factories import make_article
from tests.reviews.conftest import make_article_with_history, save_as


@pytest.fixture
def article(editor):
    return make_article_with_history(editor, slug="flow", title="Does ice help?", summary="A little.",
                                     title_zh_hans="冰敷有用吗？", summary_zh_hans="有一点。")


def current(article, lang="en"):
    return workflow.status(article, lang).state


def test_the_whole_way_is_recorded_as_a_timeline(article, editor, reviewer):
    workflow.submit(article, "en", editor, "Ready.")
    workflow.start_review(article, "en", reviewer)
    workflow.request_changes(article, "en", reviewer, "Say how long to ice.")
    save_as(editor, article, summary_en="A little, for 20 minutes.")
    workflow.submit(article, "en", editor, "Added the duration.")
    workflow.approve(article, "en", reviewer, "Fine now.")
    events = list(ReviewEvent.objects.values_list("action", "from_state", "to_state", "user__username", "comment"))
    assert events == [
        ("submit", "draft", "submitted", "editor", "Ready."),
        ("start_review", "submitted", "under_review", "reviewer", ""),
        ("request_changes", "under_review", "changes_requested", "reviewer", "Say how long to ice."),
        ("submit", "changes_requested", "submitted", "editor", "Added the duration."),
        ("approve", "submitted", "approved", "reviewer", "Fine now."),
    ]
    assert current(article) == ReviewState.APPROVED
    latest = Version.objects.get_for_object(article).order_by("-revision_id").first().revision_id
    assert Review.objects.get(language="en").approved_revision_id == latest
    assert ReviewEvent.objects.last().revision_id == latest


def test_approving_english_does_not_approve_chinese(article, editor, reviewer):
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    assert current(article, "en") == ReviewState.APPROVED
    assert current(article, "zh-hans") == ReviewState.DRAFT


def test_an_unsubmitted_text_cannot_be_approved(article, reviewer):
    with pytest.raises(ReviewRefused, match="has not been submitted"):
        workflow.approve(article, "en", reviewer)


def test_submitting_twice_is_refused(article, editor):
    workflow.submit(article, "en", editor)
    with pytest.raises(ReviewRefused, match="already waiting for review"):
        workflow.submit(article, "en", editor)


def test_after_changes_are_requested_it_must_be_submitted_again(article, editor, reviewer):
    workflow.submit(article, "en", editor)
    workflow.request_changes(article, "en", reviewer, "Add a source.")
    with pytest.raises(ReviewRefused, match="must be submitted again"):
        workflow.approve(article, "en", reviewer)


@pytest.mark.parametrize("comment", ["", "   "])
def test_requesting_changes_needs_a_comment(article, editor, reviewer, comment):
    workflow.submit(article, "en", editor)
    with pytest.raises(ReviewRefused, match="needs a comment"):
        workflow.request_changes(article, "en", reviewer, comment)
    assert current(article) == ReviewState.SUBMITTED


def test_an_approved_text_edited_later_is_pending_again_and_can_be_resubmitted(article, editor, reviewer):
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    save_as(editor, article, body_en="New paragraph.")
    version = workflow.status(article, "en")
    assert version.state == ReviewState.SUBMITTED
    assert version.changed_since_approval
    workflow.submit(article, "en", editor, "Added a paragraph.")
    workflow.approve(article, "en", reviewer)
    assert current(article) == ReviewState.APPROVED


def test_an_approved_text_cannot_be_submitted_again(article, editor, reviewer):
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    with pytest.raises(ReviewRefused, match="already approved"):
        workflow.submit(article, "en", editor)


def test_restoring_the_approved_text_makes_it_approved_again(article, editor, reviewer):
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    save_as(editor, article, summary_en="A lot.")
    assert current(article) == ReviewState.SUBMITTED
    save_as(editor, article, summary_en="A little.")
    assert current(article) == ReviewState.APPROVED


def test_approving_a_revision_the_text_has_moved_on_from_is_refused(article, editor, reviewer):
    workflow.submit(article, "en", editor)
    seen = Review.objects.get(language="en").revision_id
    save_as(editor, article, summary_en="A little, sometimes.")
    with pytest.raises(ReviewRefused, match="text changed after the revision you reviewed"):
        workflow.approve(article, "en", reviewer, revision_id=seen)


def test_a_language_without_a_version_cannot_be_submitted(db, editor):
    article = make_article_with_history(editor, slug="en-only")
    with pytest.raises(ReviewRefused, match="has no Simplified Chinese version"):
        workflow.submit(article, "zh-hans", editor)


def test_text_saved_outside_the_history_is_recorded_before_review_without_an_author(db, editor, reviewer):
    article = make_article(slug="scripted")  # no history revision at all
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    review = Review.objects.get()
    assert review.approved_revision.user is None
    assert review.approved_revision.comment == workflow.SNAPSHOT_COMMENT
    assert current(article) == ReviewState.APPROVED
