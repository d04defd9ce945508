"""Keeps the stored search documents (ArticleSearch) in step with the articles.

One document per language version readers may see, of the text they are shown
(``text_source``: the live text, or under the reviews app's approval gate the last approved
text), rebuilt whenever the article is saved (also by reversion's revert, which bypasses
Article.save), its topics change, a topic is renamed or deleted, or (reviews app) a review
changes. Drafts are indexed too: the search filters on the article's publication, so
publishing needs no re-index. After changing REVIEW_GATE, run ``rebuild_search_index``.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from ..files.backup import is_restoring
from .text import fold, plain_text, segment_document

SEARCH_CONFIG = "english"  # Chinese words, segmented, pass the English stemmer unchanged


def _text(article, field, lang):
    return getattr(article, f"{field}_{lang.replace('-', '_')}", "") or ""


def documents_for(article, topics, shown=None):
    """{lang: {title, answer, topics, body}} folded plain text of each language version.
    ``topics``: the article's Topic rows (their names in every language are searchable).
    ``shown``: {lang: fields} of the text readers are shown (text_source), None: the live text."""
    from ..models import LANGUAGE_CODES

    documents = {}
    for lang in LANGUAGE_CODES:
        if shown is not None:
            if lang not in shown:
                continue
            fields = shown[lang]
        else:
            fields = {name: _text(article, name, lang) for name in ("title", "summary", "body", "plain_summary")}
        title, answer = fields["title"], fields["summary"]
        if not (title or answer):
            continue
        names = " ".join(
            name for topic in topics for name in {_text(topic, "name", code) for code in LANGUAGE_CODES} if name
        )
        documents[lang] = {
            "title": fold(plain_text(title)),
            "answer": fold(plain_text(answer) + " " + plain_text(fields["plain_summary"])).strip(),
            "topics": fold(names),
            "body": fold(plain_text(fields["body"])),
        }
    return documents


def index_article(article, *, model=None):
    """Rewrite the article's search documents from the text readers are shown and its topics.
    ``model``: a migration's historical ArticleSearch (the live text is indexed then)."""
    from ..models import ArticleSearch
    from ..public import text_source

    shown = None
    if model is None:
        versions = text_source.reader_versions([article])
        if versions is not None:
            shown = {lang: text.fields for lang, text in versions.get(article.pk, {}).items()}
    model = model or ArticleSearch
    documents = documents_for(article, list(article.topics.all()), shown)
    model.objects.filter(article_id=article.pk).exclude(language__in=list(documents)).delete()
    for lang, fields in documents.items():
        values = dict(fields)
        if connection.vendor == "postgresql":
            values["vector"] = (
                SearchVector(Value(segment_document(fields["title"])), config=SEARCH_CONFIG, weight="A")
                + SearchVector(
                    Value(segment_document(fields["answer"] + " " + fields["topics"])), config=SEARCH_CONFIG,
                    weight="B",
                )
                + SearchVector(Value(segment_document(fields["body"])), config=SEARCH_CONFIG, weight="C")
            )
        model.objects.update_or_create(article_id=article.pk, language=lang, defaults=values)


def _article_saved(sender, instance, **kwargs):
    if is_restoring():
        return
    from ..models import Article

    if isinstance(instance, Article):  # also any proxy of Article
        index_article(instance)


def _topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if is_restoring():
        return
    from ..models import Article

    if reverse and action == "pre_clear":  # topic.articles.clear(): remember whose topics change
        instance._search_reindex = list(instance.articles.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # topic.articles.add(...): instance is the topic
        pks = pk_set if action != "post_clear" else getattr(instance, "_search_reindex", [])
        for article in Article.objects.filter(pk__in=pks).prefetch_related("topics"):
            index_article(article)
    else:
        index_article(instance)


def _topic_saved(sender, instance, created, **kwargs):
    if is_restoring():
        return
    if created:
        return
    for article in instance.articles.prefetch_related("topics"):
        index_article(article)


def _topic_deleting(sender, instance, **kwargs):
    if is_restoring():
        return
    instance._search_reindex = list(instance.articles.values_list("pk", flat=True))


def _topic_deleted(sender, instance, **kwargs):
    if is_restoring():
        return
    from ..models import Article

    for article in Article.objects.filter(pk__in=getattr(instance, "_search_reindex", [])).prefetch_related("topics"):
        index_article(article)


def rebuild():
    """Every article's documents afresh (``manage.py rebuild_search_index``); returns how many."""
    from ..models import Article

    count = 0
    for article in Article.objects.prefetch_related("topics").iterator(chunk_size=200):
        index_article(article)
        count += 1
    return count


def connect():
    from ..models import Article, Topic

    post_save.connect(_article_saved, dispatch_uid="search_index_article")
    post_save.connect(_topic_saved, sender=Topic, dispatch_uid="search_index_topic")
    pre_delete.connect(_topic_deleting, sender=Topic, dispatch_uid="search_index_topic_deleting")
    post_delete.connect(_topic_deleted, sender=Topic, dispatch_uid="search_index_topic_deleted")
    m2m_changed.connect(_topics_changed, sender=Article.topics.through, dispatch_uid="search_index_topics")
