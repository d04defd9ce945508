"""Shared by the follow-up question tests."""

from articles.models import FollowUpQuestion
from tests.factories import make_article, persona


def ask(client, slug="knee-cells", lang="en", **data):
    data.setdefault("question", "Can I have the injection if I take blood thinners?")
    return client.post(f"/{lang}/articles/{slug}/follow-up/", data)


def question_for(article, **fields):
    fields.setdefault("question", "Does it hurt?")
    fields.setdefault("language", "en")
    fields.setdefault("email", "asker@example.org")
    fields.setdefault("persona", persona("patient"))
    return FollowUpQuestion.objects.create(article=article, **fields)


def published_article(slug="knee-cells", **fields):
    fields.setdefault("title_zh_hans", "膝关节注射细胞有用吗？")
    fields.setdefault("summary_zh_hans", "可能有帮助。")
    return make_article(slug, **fields)
