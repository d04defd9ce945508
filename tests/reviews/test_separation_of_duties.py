"""Nobody approves a text they wrote or changed since its last approval."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.models import Article, Author, Authorship
from reviews.models import ReviewState
from reviews.workflow import rules as workflow
from reviews.workflow.rules import ReviewRefused
from tests.reviews.conftest import make_article_with_history, make_board_member, save_as


@pytest.fixture
def editing_reviewer(db):
    """A board member who is also an editor."""
    user = make_board_member("both")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def article(editor):
    return make_article_with_history(editor, slug="sod", title="Is it safe?", summary="Yes.",
                                     title_zh_hans="安全吗？", summary_zh_hans="安全。")


def test_board_member_cannot_approve_own_edit(article, editor, editing_reviewer, reviewer):
    save_as(editing_reviewer, article, summary_en="Yes, in most adults.")
    workflow.submit(article, "en", editor)
    with pytest.raises(ReviewRefused, match="You wrote or edited this text"):
        workflow.approve(article, "en", editing_reviewer)
    workflow.approve(article, "en", reviewer)
    assert workflow.status(article, "en").state == ReviewState.APPROVED


def test_an_edit_after_the_last_approval_bars_its_editor_from_approving_again(article, editor, editing_reviewer,
                                                                               reviewer):
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", editing_reviewer)
    save_as(editing_reviewer, article, body_en="More detail.")
    with pytest.raises(ReviewRefused, match="since its last approval"):
        workflow.approve(article, "en", editing_reviewer)
    workflow.approve(article, "en", reviewer)


def test_edits_before_the_last_approval_do_not_bar(article, editor, editing_reviewer, reviewer):
    save_as(editing_reviewer, article, summary_en="Yes, in most adults.")
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    save_as(editor, article, body_en="A new section.")
    workflow.approve(article, "en", editing_reviewer)
    assert workflow.status(article, "en").state == ReviewState.APPROVED


def test_editing_the_other_language_does_not_bar(article, editor, editing_reviewer):
    save_as(editing_reviewer, article, summary_zh_hans="大多数成年人是安全的。")
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", editing_reviewer)
    workflow.submit(article, "zh-hans", editor)
    with pytest.raises(ReviewRefused, match="You wrote or edited"):
        workflow.approve(article, "zh-hans", editing_reviewer)


def test_a_metadata_only_save_does_not_bar(article, editor, editing_reviewer):
    save_as(editing_reviewer, article, status=Article.Status.ARCHIVED)
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", editing_reviewer)


def test_an_author_of_the_article_cannot_approve_it(article, editor, editing_reviewer):
    author = Author.objects.create(name="Dr Both", slug="both", user=editing_reviewer)
    Authorship.objects.create(article=article, author=author)
    workflow.submit(article, "en", editor)
    with pytest.raises(ReviewRefused, match="You are an author"):
        workflow.approve(article, "en", editing_reviewer)


def test_the_user_of_an_import_cannot_approve_what_they_imported(editor, editing_reviewer, reviewer):
    call_command("import_article", "demo/articles/msc-knee-dose.en.md", "--user", "both")
    article = Article.objects.get(slug="msc-knee-dose")
    assert article.status == Article.Status.PUBLISHED
    workflow.submit(article, "en", editor)
    with pytest.raises(ReviewRefused, match="You wrote or edited"):
        workflow.approve(article, "en", editing_reviewer)
    workflow.approve(article, "en", reviewer)
