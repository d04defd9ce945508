"""Which demo content was edited since load_demo wrote it, so that running load_demo again
(every `make run` does) never overwrites anybody's work.

Every revision load_demo records ends with REVISION_MARK, and the comment of an article import
names the language versions it imported ("Imported from x.en.md (en) by load_demo."). An
object counts as edited when what is stored now differs from what it held in the newest of
those revisions; one that load_demo never wrote counts as edited too (someone else made it).
Text is compared with line endings and trailing blanks normalised, as imports store it.

- the text of a language version: against the newest load_demo revision that imported that
  language (the others may hold text load_demo left alone);
- an article's status and topics: against the newest load_demo revision holding the article;
  its byline: against the one load_demo set last, which the comment of that revision names
  ("Demo byline of SLUG set to AUTHOR, AUTHOR by load_demo."; history keeps no trace of a
  removed author). When one of them was edited, load_demo leaves the whole article alone (its
  later revisions would otherwise record the edited value as its own);
- references, topics and authors: their fields, against their newest load_demo revision.
"""

from reversion.models import Revision, Version

from references.csl import REFERENCE_FIELDS

from ..models import Article, field_suffix
from .fileformat import normalize_body, normalize_line_text

REVISION_MARK = "by load_demo."
TEXT_FIELDS = ("title", "summary", "body", "plain_summary")


def byline_comment(slug, author_slugs):
    """The comment of the revision in which load_demo sets an article's byline."""
    return f"{_byline_prefix(slug)}{', '.join(author_slugs)} {REVISION_MARK}"


def _byline_prefix(slug):
    return f"Demo byline of {slug} set to "


def _byline_set_last(slug):
    """The author slugs load_demo set last as the article's byline, or None."""
    comment = (
        Revision.objects.filter(comment__startswith=_byline_prefix(slug), comment__endswith=f" {REVISION_MARK}")
        .order_by("-pk")
        .values_list("comment", flat=True)
        .first()
    )
    if comment is None:
        return None
    authors = comment.removeprefix(_byline_prefix(slug)).removesuffix(f" {REVISION_MARK}")
    return authors.split(", ") if authors else []


def _same_text(field, stored, loaded):
    normalize = normalize_body if field == "body" else normalize_line_text
    return normalize(stored) == normalize(loaded)


def _loaded_versions(obj):
    """The versions of obj in load_demo's revisions, newest first."""
    return Version.objects.get_for_object(obj).filter(revision__comment__endswith=REVISION_MARK)


class EditedSinceLoaded:
    """Says (once each) what load_demo must leave alone; ``notes`` holds what it said."""

    def __init__(self):
        self.notes = []

    def _note(self, text):
        if text not in self.notes:
            self.notes.append(text)
        return text

    # --- articles --------------------------------------------------------------------------

    def __call__(self, obj, lang=None):
        """The importer's ``left_alone``: a note for an article language version or a reference."""
        if isinstance(obj, Article):
            return self.article(obj, lang)
        return self.row(obj, "reference", "key", REFERENCE_FIELDS)

    def article(self, article, lang):
        """A note if this language version (or the article's metadata) was edited, else None."""
        whole = self._article_edits(article)
        if whole:
            return self._note(whole)
        suffix = field_suffix(lang)
        if not any(article.text(field, lang) for field in TEXT_FIELDS):
            return None  # no text in that language yet: nothing to overwrite
        version = _loaded_versions(article).filter(revision__comment__contains=f" ({lang})").first()
        if version is None:
            return self._note(f"{article.slug} ({lang}): not loaded by load_demo; left as it is.")
        loaded = version.field_dict
        edited = [
            field
            for field in TEXT_FIELDS
            if not _same_text(field, article.text(field, lang), loaded.get(f"{field}_{suffix}") or "")
        ]
        if not edited:
            return None
        return self._note(f"{article.slug} ({lang}): edited since the demo loaded it; left as it is.")

    def byline(self, article):
        """A note if the byline may not be set: the article's metadata was edited."""
        whole = self._article_edits(article)
        return self._note(whole) if whole else None

    def _article_edits(self, article):
        """The note for an article whose status, topics or byline changed since load_demo
        wrote it (or that load_demo never wrote), else None."""
        version = _loaded_versions(article).first()
        if version is None:
            return f"{article.slug}: not loaded by load_demo; left as it is."
        loaded = version.field_dict
        byline = list(article.authorships.order_by("position", "id").values_list("author__slug", flat=True))
        set_last = _byline_set_last(article.slug)
        edited = [
            name
            for name, changed in (
                ("status", loaded.get("status") != article.status),
                (
                    "topics",
                    sorted(int(pk) for pk in loaded.get("topics", []))
                    != sorted(article.topics.values_list("pk", flat=True)),
                ),
                ("byline", byline != (set_last or [])),
            )
            if changed
        ]
        if not edited:
            return None
        return f"{article.slug}: {', '.join(edited)} edited since the demo loaded it; left as it is."

    # --- rows: references, topics, authors -------------------------------------------------

    def row(self, obj, label, key_field, fields):
        """A note if these fields of obj changed since load_demo wrote it, else None."""
        name = f"{label} “{getattr(obj, key_field)}”"
        version = _loaded_versions(obj).first()
        if version is None:
            return self._note(f"{name}: not loaded by load_demo; left as it is.")
        loaded = version.field_dict
        if all(getattr(obj, field) == loaded.get(field) for field in fields):
            return None
        return self._note(f"{name}: edited since the demo loaded it; left as it is.")
