"""Review emails go to the right people once the action is committed: the board members who
review that language when a version is submitted, its editors when changes are requested or
it is approved; each with a link to the article in the admin."""

import pytest
from django.core import mail

from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history, make_board_member, save_as


@pytest.fixture
def people(editor, translator):
    editor.email, translator.email = "editor@example.org", "translator@example.org"
    editor.save()
    translator.save()
    both = make_board_member("both", languages="en,zh-hans")
    english = make_board_member("english", languages="en")
    chinese = make_board_member("chinese", languages="zh-hans")
    no_profile = make_board_member("noprofile", profile=False)
    retired = make_board_member("retired", languages="en,zh-hans", is_active=False)
    for user in (both, english, chinese, no_profile, retired):
        user.email = f"{user.username}@example.org"
        user.save()
    return {"editor": editor, "translator": translator, "both": both, "english": english, "chinese": chinese}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver-site.example"


@pytest.fixture
def article(editor):
    return make_article_with_history(editor, slug="ice", title="Does ice help?", summary="A little.",
                                     title_zh_hans="冰敷有用吗？", summary_zh_hans="有一点。")


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_submitting_emails_the_board_members_who_review_that_language(
    article, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, "zh-hans", people["translator"], "请审阅。")
    assert recipients() == ["both@example.org", "chinese@example.org", "noprofile@example.org"]
    message = next(m for m in mail.outbox if m.to == ["both@example.org"])
    assert "冰敷有用吗？" in message.subject
    assert "请审阅。" in message.body
    assert f"http://testserver-site.example/admin/articles/article/{article.pk}/change/" in message.body


def test_nothing_is_sent_before_the_transaction_commits(article, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.submit(article, "en", people["editor"])
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_board_member_reading_only_chinese_gets_the_email_in_chinese(
    article, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, "zh-hans", people["editor"])
    english_mail = next(m for m in mail.outbox if m.to == ["both@example.org"])
    chinese_mail = next(m for m in mail.outbox if m.to == ["chinese@example.org"])
    # The language named as the recipient reads it (the rest follows once the lead translates it).
    assert english_mail.subject.endswith("(Simplified Chinese)")
    assert chinese_mail.subject.endswith("（简体中文）")


def test_requesting_changes_emails_the_editors_with_the_comment(
    article, people, django_capture_on_commit_callbacks
):
    workflow.submit(article, "en", people["translator"])
    save_as(people["editor"], article, summary_en="A little, for a day.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(article, "en", people["english"], "Say how long to ice, in minutes.")
    assert recipients() == ["editor@example.org", "translator@example.org"]
    assert all("Say how long to ice, in minutes." in m.body for m in mail.outbox)
    assert all("Changes requested" in m.subject for m in mail.outbox)


def test_approval_emails_the_editor_who_submitted_and_not_the_approver(
    article, people, django_capture_on_commit_callbacks
):
    workflow.submit(article, "en", people["editor"], "Ready.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, "en", people["english"], "Clear and correct.")
    assert recipients() == ["editor@example.org"]
    assert mail.outbox[0].subject == "Medically approved: Does ice help? (English)"
    assert "Clear and correct." in mail.outbox[0].body


def test_editors_of_an_earlier_approved_text_are_not_emailed_again(
    article, people, django_capture_on_commit_callbacks
):
    workflow.submit(article, "en", people["translator"])
    workflow.approve(article, "en", people["english"])
    save_as(people["editor"], article, summary_en="A little, for 20 minutes.")
    workflow.submit(article, "en", people["editor"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, "en", people["both"])
    assert recipients() == ["editor@example.org"]
