"""Deleting an article that readers asked about: its questions go with it, the answers' links stay."""

from django.test import Client
from django.urls import reverse

from articles.models import Article, FollowUpQuestion
from tests.articles.followup_helpers import published_article, question_for
from tests.factories import make_article


def test_a_chief_editor_deletes_an_article_that_has_questions(chief_editor):
    article = published_article()
    question_for(article)
    answered_elsewhere = question_for(make_article("other"), status="answered", answer_article=article, email="")
    client = Client()
    client.force_login(chief_editor)
    response = client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert list(FollowUpQuestion.objects.all()) == [answered_elsewhere]
    answered_elsewhere.refresh_from_db()
    assert answered_elsewhere.answer_article is None
