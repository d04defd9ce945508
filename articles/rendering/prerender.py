"""Render every variant of an article when its text is saved, so a reader's cache miss is a
lookup and a template, not a Markdown render; and rank its related articles.

A variant is one language version readers are shown (``text_source``: the live text, or the
approved one under ``REVIEW_GATE=approval``) for one persona: ``page.render_for_reader``
stores its HTML in the render cache (rendering/render_cache.py) and in the database
(StoredRender, rendering/stored.py: also when the cache already had it, ``verify``), and the
keys the text cites under a hash of the text, exactly as a reader's request would. After an
article is saved, once the transaction commits (``schedule``, connected to post_save in
``connect``), then its related list is ranked and stored if it has none (``rank_related``:
the first reader after a publish does not rank). The job runs after every drop of related
lists queued in the same transaction (``run_last``, called by ``RelatedList.objects.drop_for``),
e.g. the admin setting the topics after the save, so the list it ranks stays.
``manage.py prerender`` renders many articles (e.g. after a glossary or persona change, which
changes every lay render's key, or after the cache was emptied); ``manage.py rank_related``
ranks many lists.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save

from ..models import LANGUAGE_CODES, Article
from ..public import text_source
from ..public.personas import all_personas

logger = logging.getLogger(__name__)


def prerender_article(article, personas=None):
    """Render each language version readers see x each persona; the number of variants."""
    from ..public.page import render_for_reader, shown_version

    personas = all_personas() if personas is None else personas
    codes = [p.code for p in personas]
    versions = text_source.reader_versions([article])
    rendered = 0
    seen = set()
    for lang in LANGUAGE_CODES:
        try:
            content_lang, shown = shown_version(article, lang, versions=versions)
        except text_source.NotShown:
            continue
        if content_lang in seen:
            continue
        seen.add(content_lang)
        for persona in personas or [None]:
            render_for_reader(
                article, content_lang, persona=persona, persona_codes=codes, texts=shown.fields, verify=True
            )
            rendered += 1
    return rendered


def prerender(articles):
    """(articles, variants) rendered for ``articles`` (an iterable of Article)."""
    personas = all_personas()
    count = variants = 0
    for article in articles:
        variants += prerender_article(article, personas)
        count += 1
    return count, variants


class _Prerender:
    """The after-commit job of one article (an object, so a transaction queues it once)."""

    def __init__(self, article_pk):
        self.article_pk = article_pk

    def __call__(self):
        article = Article.objects.filter(pk=self.article_pk, status=Article.Status.PUBLISHED).first()
        if article is not None:
            prerender_article(article)
            rank_related(article)


def rank_related(article):
    """Rank and store the article's related list if it has none (public/related_lists.py), so
    that its first reader after a publish does not rank it; whether it ranked."""
    from ..public.related_lists import fill_missing

    return fill_missing(Article.objects.filter(pk=article.pk, status=Article.Status.PUBLISHED)) > 0


def schedule(article_pk):
    """Prerender the article once the current transaction commits (at once outside one)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        try:
            if any(getattr(callback, "article_pk", None) == article_pk
                   for _sids, callback, *_rest in connection.run_on_commit):
                return
        except (AttributeError, TypeError, ValueError):  # pragma: no cover - Django's internals moved
            pass
    transaction.on_commit(_Prerender(article_pk), robust=True)


def run_last():
    """Move the queued jobs after every callback queued since: RelatedListQuerySet.drop_for
    calls it once it has queued its drop at commit, so a list a job ranks is not dropped
    right after (the job reads the committed data)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    try:
        queued = connection.run_on_commit
        jobs = [entry for entry in queued if isinstance(entry[1], _Prerender)]
        if jobs:
            queued[:] = [entry for entry in queued if not isinstance(entry[1], _Prerender)] + jobs
    except (AttributeError, TypeError, IndexError):  # pragma: no cover - Django's internals moved
        pass


def _on_article_saved(sender, instance, raw=False, **kwargs):
    if raw or not settings.PRERENDER_ON_SAVE:
        return
    if sender._meta.concrete_model is Article and instance.status == Article.Status.PUBLISHED:
        schedule(instance.pk)


def connect():
    post_save.connect(_on_article_saved, dispatch_uid="articles-prerender")
