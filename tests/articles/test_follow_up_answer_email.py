"""The asker is emailed the answering article after commit; a failing mail server fails nothing."""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse

from articles.followups.rules import send_answer_email
from tests.articles.followup_helpers import published_article, question_for
from tests.articles.test_concurrent_edit import form_data_from
from tests.factories import make_article


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def _answer(client, question, answer, status="answered"):
    url = reverse("admin:articles_followupquestion_change", args=[question.pk])
    return client.post(url, form_data_from(client.get(url), status=status, answer_article=str(answer.pk)))


def test_the_asker_is_emailed_only_after_commit_then_the_address_is_deleted(
    editor_client, django_capture_on_commit_callbacks
):
    question = question_for(published_article(), email="asker@example.org", question="Is it safe with warfarin?")
    answer = make_article("warfarin-and-injections", title="Can I have knee injections on warfarin?")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert _answer(editor_client, question, answer).status_code == 302
    assert mail.outbox == []  # nothing before the transaction commits
    assert len(callbacks) == 1
    callbacks[0]()
    [message] = mail.outbox
    assert message.to == ["asker@example.org"]
    assert "http://testserver/en/articles/warfarin-and-injections/" in message.body
    assert "Is it safe with warfarin?" in message.body
    question.refresh_from_db()
    assert question.email == "" and question.answer_emailed_at is not None


def test_a_chinese_asker_gets_the_link_to_the_chinese_page(editor_client, django_capture_on_commit_callbacks):
    question = question_for(published_article(), language="zh-hans")
    answer = make_article("zh-answer", title_zh_hans="答？", summary_zh_hans="答。")
    with django_capture_on_commit_callbacks(execute=True):
        _answer(editor_client, question, answer, status="article")
    assert "http://testserver/zh-hans/articles/zh-answer/" in mail.outbox[0].body


def test_a_failing_mail_server_never_fails_the_request_and_keeps_the_address(
    editor_client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.articles.test_follow_up_answer_email.FailingBackend"
    question = question_for(published_article(), email="asker@example.org")
    answer = make_article("answer-one")
    with django_capture_on_commit_callbacks(execute=True):
        response = _answer(editor_client, question, answer)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "answered"
    assert question.email == "asker@example.org" and question.answer_emailed_at is None  # a later save retries
    send_answer_email(question.pk, "http://testserver/en/articles/answer-one/")  # does not raise either


def test_no_email_without_an_address_or_an_answering_article(editor_client, django_capture_on_commit_callbacks):
    article = published_article()
    no_address = question_for(article, email="")
    with django_capture_on_commit_callbacks(execute=True):
        _answer(editor_client, no_address, make_article("answer-two"))
        url = reverse("admin:articles_followupquestion_change", args=[question_for(article).pk])
        editor_client.post(url, form_data_from(editor_client.get(url), status="answered"))
    assert mail.outbox == []


def test_the_asker_is_emailed_once(editor_client, django_capture_on_commit_callbacks):
    question = question_for(published_article())
    answer = make_article("answer-three")
    with django_capture_on_commit_callbacks(execute=True):
        _answer(editor_client, question, answer)
    with django_capture_on_commit_callbacks(execute=True):
        _answer(editor_client, question, answer, status="article")
    assert len(mail.outbox) == 1


def test_two_editors_answering_at_once_send_one_email_and_the_address_stays_deleted(
    editor, chief_editor, django_capture_on_commit_callbacks
):
    question = question_for(published_article(), email="asker@example.org")
    answer = make_article("answer-four")
    url = reverse("admin:articles_followupquestion_change", args=[question.pk])
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(chief_editor)
    first_form, second_form = first.get(url), second.get(url)  # both loaded before either saves
    # Both saves commit before either email goes out (two app servers, a slow mail server).
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first.post(url, form_data_from(first_form, status="answered", answer_article=str(answer.pk)))
        response = second.post(url, form_data_from(second_form, status="article", answer_article=str(answer.pk)))
    assert response.status_code == 302
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    question.refresh_from_db()
    assert question.status == "article"
    assert question.email == "" and question.answer_emailed_at is not None
