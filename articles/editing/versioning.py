"""django-reversion registration of the article models, and what restoring a revision adds.

A revision of an article holds the article's own fields and, followed from it, its
authorships and its language versions (translation state: when each language's text
changed, which state of the original a translation follows). A language version saved
during the revision is stored as saved, so the revision holds the final state.

Public update notes are the public log of what happened, so they are versioned but not
followed: reversion's revert (``Revision.revert(delete=True)``) deletes followed objects the
restored revision did not have, and a revert must not delete the notes of later revisions.
It withdraws them instead (``notes_undone_by``): a note about an edit the revert undoes would
tell readers of a change the page no longer has. The rows, and the history, keep them.
Every revision of an article stores the article's notes as they are when it is committed
(``_store_update_notes``: the note attached to a revision is created after that revision's
versions); recovering a deleted article restores the notes found in its history
(``restore_belongings``).
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db.models import Subquery
from django.utils import timezone
from reversion.models import Revision, Version
from reversion.signals import post_revision_commit

from ..models import (
    LANGUAGE_CODES,
    Article,
    Author,
    Authorship,
    GlossaryTerm,
    LanguageVersion,
    Persona,
    SitePage,
    Topic,
    UpdateNote,
)
from . import translation_queue


def register_models():
    for model, follow in (
        (Article, ("authorships", "language_versions")),
        (Authorship, ()),
        (LanguageVersion, ()),
        (UpdateNote, ()),
        (Topic, ()),
        (Author, ()),
        (Persona, ()),
        (GlossaryTerm, ()),
        (SitePage, ()),
    ):
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow, ignore_duplicates=True)
    post_revision_commit.connect(_store_update_notes, dispatch_uid="articles.editing.versioning.store_update_notes")


def revision_count(article):
    return Version.objects.get_for_object(article).count()


def latest_revision_id(article):
    """The id of the newest history revision holding this article, or None."""
    return Version.objects.get_for_object(article).values_list("revision_id", flat=True).first()


def version_at(article, revision_id):
    """This article's Version in that revision, or None if the revision is not in its history."""
    return Version.objects.get_for_object(article).filter(revision_id=revision_id).first()


def _store_update_notes(sender, revision, versions, **kwargs):
    """Add to a revision of articles their update notes as they are at its commit.

    Notes are not followed (see the module docstring), and the admin attaches a new note
    with ``reversion.add_meta``, which creates it after the revision's versions are stored.
    """
    article_type = ContentType.objects.get_for_model(Article).pk
    article_ids = [version.object_id for version in versions if version.content_type_id == article_type]
    if not article_ids:
        return
    note_type = ContentType.objects.get_for_model(UpdateNote)
    # A note saved in this revision (a correction, admin/update_notes.py) is stored already.
    stored = {version.object_id for version in versions if version.content_type_id == note_type.pk}
    Version.objects.using(revision._state.db).bulk_create(
        Version(
            revision=revision,
            content_type=note_type,
            object_id=str(note.pk),
            db=note._state.db,
            format="json",
            serialized_data=serializers.serialize("json", [note]),
            object_repr=str(note),
        )
        for note in UpdateNote.objects.filter(article_id__in=article_ids)
        if str(note.pk) not in stored
    )


# --- restoring -------------------------------------------------------------------------


def restore_belongings(version, *, recover):
    """Complete reversion's restore of ``version.revision`` for the article ``version`` is of.

    Call after ``Revision.revert(delete=True)`` (the admin's revert and recover views), in
    the same transaction. Reversion has restored the article, its authorships and its
    language versions as they were in that revision. This

    - rebuilds the language versions if that revision predates their versioning;
    - on recovery, restores the update notes of every revision in the article's history;
      on a revert, withdraws the shown notes of the edits it undoes (``notes_undone_by``;
      reversion does not delete them, they are not followed);
    - derives the citations from the restored text again;
    - stores its rows of the translation queue again (editing/translation_queue.py).
    """
    article = Article.objects.get(pk=version.object_id)
    if not _language_versions_in(version.revision, article):
        _rebuild_language_versions(article)
    if recover:
        _restore_update_notes(article)
    else:
        for note in notes_undone_by(article, version.revision):
            note.withdrawn_at = timezone.now()
            note.save(update_fields=["withdrawn_at"])
    article.sync_citations()
    translation_queue.refresh([article.pk])  # the language versions rebuilt above are bulk-created


def notes_undone_by(article, revision):
    """The public update notes a revert of ``article`` to ``revision`` withdraws: those shown
    that were saved with a later revision (their edit is undone). Notes of the restored
    revision and before stay; so do notes whose revision was deleted (unknown when)."""
    return list(
        article.update_notes.filter(withdrawn_at__isnull=True, revision__isnull=False, revision_id__gt=revision.pk)
    )


def _of_article(versions, article):
    return [v for v in versions if v.field_dict.get("article_id") == article.pk]


def _language_versions_in(revision, article):
    language_type = ContentType.objects.get_for_model(LanguageVersion)
    return _of_article(revision.version_set.filter(content_type=language_type), article)


def _rebuild_language_versions(article):
    """Language versions for a revision saved before they were versioned (what they were is
    unknown): dated as the article's last update, translations marked for a translator to
    check (no known original state, so "out of date")."""
    existing = set(article.language_versions.values_list("language", flat=True))
    changed_at = article.content_updated_at or article.updated_at
    LanguageVersion.objects.bulk_create(
        LanguageVersion(article=article, language=lang, text_changed_at=changed_at)
        for lang in LANGUAGE_CODES
        if lang not in existing and any(article.text(field, lang) for field in Article.READER_VISIBLE_FIELDS)
    )


def _restore_update_notes(article):
    """Every update note stored in the article's history that no longer exists, as stored."""
    history = Version.objects.get_for_object(article).values("revision_id")
    note_versions = (
        Version.objects.get_for_model(UpdateNote).filter(revision_id__in=Subquery(history)).order_by("-pk")
    )
    existing = {str(pk) for pk in article.update_notes.values_list("pk", flat=True)}
    newest = {}
    for note_version in note_versions:
        newest.setdefault(note_version.object_id, note_version)
    wanted = [v for v in _of_article(newest.values(), article) if v.object_id not in existing]
    revisions = set(
        Revision.objects.filter(pk__in=[v.field_dict["revision_id"] for v in wanted]).values_list("pk", flat=True)
    )
    for note_version in wanted:
        # The base column "note" is modeltranslation's: never set it, only note_en, note_zh_hans.
        fields = {name: value for name, value in note_version.field_dict.items() if name != "note"}
        if fields.get("revision_id") not in revisions:
            fields["revision_id"] = None  # its revision was deleted since (e.g. deleterevisions)
        UpdateNote(**fields).save()
