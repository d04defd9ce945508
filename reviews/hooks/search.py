"""Under REVIEW_GATE=approval the search indexes the approved text (articles/search/index.py):
re-index an article when one of its reviews changes (an approval, a new submission)."""

from django.db.models.signals import post_save

from articles.search.index import index_article

from ..models import Review


def _review_saved(sender, instance, **kwargs):
    index_article(instance.article)


def connect():
    post_save.connect(_review_saved, sender=Review, dispatch_uid="search_index_review")
