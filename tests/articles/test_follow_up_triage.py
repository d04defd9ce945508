"""Editors triage readers' questions in the admin: statuses, filter, the answering article."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from articles.models import FollowUpQuestion
from tests.articles.followup_helpers import published_article, question_for
from tests.articles.test_concurrent_edit import form_data_from
from tests.factories import make_article

LIST_URL = reverse("admin:articles_followupquestion_changelist")


def _change(client, followup, **overrides):
    url = reverse("admin:articles_followupquestion_change", args=[followup.pk])
    return client.post(url, form_data_from(client.get(url), **overrides))


def test_the_queue_filters_by_status(editor_client):
    article = published_article()
    new = question_for(article, question="Is it safe?")
    spam = question_for(article, question="Cheap pills here", status="spam")
    response = editor_client.get(LIST_URL, {"status__exact": "new"})
    assert [q.pk for q in response.context["cl"].result_list] == [new.pk]
    response = editor_client.get(LIST_URL, {"status__exact": "spam"})
    assert [q.pk for q in response.context["cl"].result_list] == [spam.pk]
    html = editor_client.get(LIST_URL).content.decode()
    for label in ("New", "Answered", "Turned into an article", "Spam"):
        assert label in html


def test_an_editor_links_the_answering_article(editor_client, django_capture_on_commit_callbacks):
    article = published_article()
    answer = make_article("blood-thinners-and-injections")
    question = question_for(article, email="")
    with django_capture_on_commit_callbacks(execute=True):
        response = _change(editor_client, question, status="article", answer_article=str(answer.pk))
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.status, question.answer_article) == ("article", answer)


def test_the_answering_article_must_be_published_and_the_question_answered(editor_client):
    article = published_article()
    draft = make_article("not-yet", status="draft")
    question = question_for(article)
    response = _change(editor_client, question, status="answered", answer_article=str(draft.pk))
    assert response.status_code == 200
    assert "The answering article must be published" in response.content.decode()
    response = _change(editor_client, question, status="new", answer_article=str(article.pk))
    assert "Only an answered question has an answering article." in response.content.decode()
    question.refresh_from_db()
    assert (question.status, question.answer_article) == ("new", None)


def test_the_database_refuses_an_answering_article_on_an_unanswered_question(db):
    article = published_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        question_for(article, status="spam", answer_article=article)


def test_marking_spam_deletes_the_address(editor_client):
    question = question_for(published_article(), email="spammer@example.org")
    _change(editor_client, question, status="spam")
    question.refresh_from_db()
    assert (question.status, question.email) == ("spam", "")


def test_readers_cannot_open_the_queue_nor_add_questions_there(outsider, translator, editor):
    question_for(published_article())
    for user, status in ((outsider, 302), (translator, 403)):  # not staff: to the login page
        client = Client()
        client.force_login(user)
        assert client.get(LIST_URL).status_code == status, user
    client = Client()
    client.force_login(editor)
    assert client.get(reverse("admin:articles_followupquestion_add")).status_code == 403


def test_the_askers_words_cannot_be_changed_in_the_admin(editor_client):
    question = question_for(published_article(), question="Original words")
    _change(editor_client, question, question="Edited words", status="answered")
    question.refresh_from_db()
    assert (question.question, question.status) == ("Original words", "answered")


def test_the_new_question_shows_in_the_queue_as_new(client, editor, db):
    published_article()
    client.post("/en/articles/knee-cells/follow-up/", {"question": "Is walking fine afterwards?"})
    client.force_login(editor)
    html = client.get(LIST_URL, {"status__exact": "new"}).content.decode()
    assert "Is walking fine afterwards?" in html
    assert FollowUpQuestion.objects.get().status == "new"
