"""Helpers of the queue tests: the review page of a language version, and posting to it."""

from reviews.models import Review


def review_url(article, lang="en"):
    return f"/admin/reviews/reviewqueue/{Review.objects.get(article=article, language=lang).pk}/"


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []
