"""purge_followup_emails deletes addresses past the retention period or already used."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from articles.models import FollowUpQuestion
from tests.articles.followup_helpers import published_article, question_for


def _aged(question, days):
    FollowUpQuestion.objects.filter(pk=question.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_addresses_older_than_the_retention_period_are_deleted(db, settings, capsys):
    settings.FOLLOWUP_EMAIL_RETENTION_DAYS = 30
    article = published_article()
    old, recent = question_for(article, email="old@example.org"), question_for(article, email="new@example.org")
    _aged(old, 31)
    _aged(recent, 29)
    call_command("purge_followup_emails")
    assert "Deleted 1 email address(es)" in capsys.readouterr().out
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, recent.email) == ("", "new@example.org")
    assert old.question == "Does it hurt?"  # the question itself stays for the editors


def test_an_address_already_used_for_the_answer_is_deleted(db):
    question = question_for(published_article(), email="told@example.org")
    FollowUpQuestion.objects.filter(pk=question.pk).update(answer_emailed_at=timezone.now())
    call_command("purge_followup_emails")
    question.refresh_from_db()
    assert question.email == ""


def test_the_default_retention_is_ninety_days(db):
    from django.conf import settings

    assert settings.FOLLOWUP_EMAIL_RETENTION_DAYS == 90
    question = question_for(published_article())
    _aged(question, 89)
    call_command("purge_followup_emails")
    question.refresh_from_db()
    assert question.email == "asker@example.org"
