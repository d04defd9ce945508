"""Keeping the stored related lists (RelatedList, public/related.py) right: every change that
may reorder an article's related articles drops its list, ranked again when next needed.

- its citations: Article.sync_citations drops the lists itself (models.py);
- its status, publication time or slug (any save, the history's restores too), its topics
  (either side of the relation), and an article or a topic deleted: here;
- an article scheduled for later going live: the list's ``valid_until`` (related.py).
"""

from django.db.models.signals import m2m_changed, post_save, pre_delete

from ..models import Article, RelatedList, Topic
from .related import rank_languages, store

Topics = Article.topics.through


def _on_topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if action == "pre_clear":  # pk_set is None: every topic it has (every article it holds)
        if reverse:
            RelatedList.objects.drop_for(topic_ids=[instance.pk])
        else:
            RelatedList.objects.drop_for(sharing=[instance.pk])
        return
    if reverse:  # topic.articles.add(...): those articles and the topic's
        RelatedList.objects.drop_for(article_ids=pk_set, topic_ids=[instance.pk])
    else:  # article.topics.add(...): the article and the articles in those topics
        RelatedList.objects.drop_for(article_ids=[instance.pk], topic_ids=pk_set)


def _on_article_saved(sender, instance, **kwargs):
    if sender._meta.concrete_model is not Article:
        return
    state = instance.listing_state()
    # An instance not loaded from the database (new, or restored from the history) has no
    # loaded state: its lists and those sharing with it are dropped.
    if state is None or state != getattr(instance, "_loaded_listing", None):
        RelatedList.objects.drop_for(sharing=[instance.pk])
    instance._loaded_listing = state


def _on_article_deleted(sender, instance, **kwargs):
    if sender._meta.concrete_model is not Article:
        return
    RelatedList.objects.drop_for(sharing=[instance.pk])


def _on_topic_deleted(sender, instance, **kwargs):
    RelatedList.objects.drop_for(topic_ids=[instance.pk])


def connect():
    m2m_changed.connect(_on_topics_changed, sender=Topics, dispatch_uid="related_lists_topics")
    post_save.connect(_on_article_saved, dispatch_uid="related_lists_article_saved")  # proxies too
    pre_delete.connect(_on_article_deleted, dispatch_uid="related_lists_article")
    pre_delete.connect(_on_topic_deleted, sender=Topic, dispatch_uid="related_lists_topic")


def fill_missing(articles):
    """Rank and store the lists of ``articles`` (published ones) that have none; how many."""
    filled = 0
    for article in articles.filter(related_list__isnull=True).iterator(chunk_size=200):
        rankings, valid_until = rank_languages(article)
        if rankings:
            store(article, None, rankings, valid_until)
            filled += 1
    return filled
