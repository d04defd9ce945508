"""The translation queue, stored: one TranslationTask row per language version to translate.

The rule (``translation_tasks``): a language version of a non-archived article is to
translate when it is missing, or when it is a translation older than its original (the same
rule as ``public.freshness.freshness()``, in SQL). ``refresh`` stores what the rule says for
some articles, so the admin's queue reads a narrow table (a page is an index range, its size
a count of narrow rows) instead of joining every article with its language versions.

The rule reads an article's slug, status and original language and its language versions,
so the rows of an article are refreshed after every change of those: a save of the article
(the admin, imports, reversion's revert and recovery, which save raw), a save or delete of a
language version, and ``versioning.restore_belongings``, which creates language versions in
bulk. ``Article.save`` saves the article and then its language versions: it refreshes once,
at the end (``refreshed_once``). Restoring a backup loads the rows as they were. Two saves
of one article take turns (the first's UPDATE locks the article's row until it commits), so
each refresh reads what the one before it stored.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import (
    BooleanField,
    CharField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Value,
)
from django.db.models.signals import post_delete, post_save

from ..files.backup import is_restoring
from ..models import LANGUAGE_CODES, Article, LanguageVersion, TranslationTask

_pending = ContextVar("translation_queue_pending", default=None)


def translation_tasks(articles):
    """Rows (dicts: ``pk``, ``slug``, ``lang``, ``missing``, ``since``: when the original last
    changed) of every language version of these ``articles`` (a queryset) that is missing
    or older than its original; archived articles and articles without an original language
    have none."""
    parts = []
    for code in LANGUAGE_CODES:
        absent = Q(version__isnull=True)
        behind = (
            Q(version__isnull=False)
            & ~Q(source_language=code)
            & Q(original__isnull=False)
            & (Q(version__source_changed_at__isnull=True) | Q(version__source_changed_at__lt=F("original__text_changed_at")))
        )
        parts.append(
            articles.exclude(status=Article.Status.ARCHIVED)
            .exclude(source_language="")
            .annotate(
                version=FilteredRelation("language_versions", condition=Q(language_versions__language=code)),
                original=FilteredRelation(
                    "language_versions", condition=Q(language_versions__language=F("source_language"))
                ),
            )
            .filter(absent | behind)
            .annotate(
                lang=Value(code, output_field=CharField()),
                missing=ExpressionWrapper(absent, output_field=BooleanField()),
                since=F("original__text_changed_at"),
            )
            .order_by()
            .values("pk", "slug", "lang", "missing", "since")
        )
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def refresh(article_ids=None, *, article_model=Article, task_model=TranslationTask):
    """Store the tasks of these articles (None: every article) as ``translation_tasks`` has
    them; rows already right are not written. The models: a migration's historical ones."""
    articles = article_model.objects.all()
    stored = task_model.objects.all()
    if article_ids is not None:
        article_ids = set(article_ids)
        if not article_ids:
            return
        articles = articles.filter(pk__in=article_ids)
        stored = stored.filter(article_id__in=article_ids)
    wanted = {
        (row["pk"], row["lang"]): {"slug": row["slug"], "missing": row["missing"], "since": row["since"]}
        for row in translation_tasks(articles)
    }
    stale, changed = [], []
    for task in stored:
        row = wanted.pop((task.article_id, task.language), None)
        if row is None:
            stale.append(task.pk)
        elif row != {"slug": task.slug, "missing": task.missing, "since": task.since}:
            for name, value in row.items():
                setattr(task, name, value)
            changed.append(task)
    if stale:
        task_model.objects.filter(pk__in=stale).delete()
    if changed:
        task_model.objects.bulk_update(changed, ["slug", "missing", "since"])
    task_model.objects.bulk_create(
        (task_model(article_id=pk, language=lang, **row) for (pk, lang), row in wanted.items()), batch_size=1000
    )


@contextmanager
def refreshed_once():
    """Inside, changes only note which articles changed; their rows are refreshed once, on
    leaving without an error (Article.save: the article, then its language versions)."""
    if _pending.get() is not None:
        yield
        return
    pending = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    refresh(pending)


def _changed(article_id):
    pending = _pending.get()
    if pending is not None:
        pending.add(article_id)
    else:
        refresh([article_id])


def _article_saved(sender, instance, **kwargs):
    if not is_restoring():
        _changed(instance.pk)


def _version_saved(sender, instance, **kwargs):
    if not is_restoring():
        _changed(instance.article_id)


def _version_deleted(sender, instance, origin=None, **kwargs):
    # Deleting an article deletes its versions and its tasks: nothing to refresh then.
    deleted_itself = isinstance(origin, LanguageVersion) or (
        isinstance(origin, QuerySet) and origin.model is LanguageVersion
    )
    if deleted_itself and not is_restoring():
        _changed(instance.article_id)


def connect():
    post_save.connect(_article_saved, sender=Article, dispatch_uid="translation_queue_article")
    post_save.connect(_version_saved, sender=LanguageVersion, dispatch_uid="translation_queue_version_saved")
    post_delete.connect(_version_deleted, sender=LanguageVersion, dispatch_uid="translation_queue_version_deleted")
