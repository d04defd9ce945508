"""Importing article files (and CSL-JSON reference arrays) into the database.

All or nothing: every file is read and checked first, every problem is collected as a line
``FILE:LINE: problem``, and if there is any, ArticleImportError carries them all and nothing
is written. Otherwise everything is written in one transaction, one revision per article,
and nothing is saved (no revision, "last updated" unchanged) where nothing changed.

Imports take turns (references.csl.wait_for_other_imports): the database checks and the
writes of one import run while no other import writes, so two imports creating the same
article or reference one after the other give "created" then "updated", never a clash.
"""

from collections import OrderedDict
from pathlib import Path

import reversion
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from references import csl
from references.csl import ImportReport, ReferenceImportError, read_text_file
from references.models import Reference

from ..editing.versioning import version_at
from ..models import Article, Persona, Topic, field_suffix
from ..rendering.markdown import check_article
from .fileformat import normalize_body, normalize_line_text, parse_article

__all__ = [
    "ArticleImportError",
    "ImportReport",
    "import_article_files",
    "import_reference_file",
    "import_reference_items",
    "read_text_file",
]


class ArticleImportError(ReferenceImportError):
    """Nothing was imported; ``lines`` holds every problem, one ``FILE:LINE: problem`` each."""


def _same_text(field, stored, new):
    normalize = normalize_body if field in ("body", "plain_summary") else normalize_line_text
    return normalize(stored) == normalize(new)


def import_article_files(paths, *, user=None, force=False, comment_suffix="", left_alone=None):
    """Import article files (one language version each) in one transaction.

    Returns an ImportReport; raises ArticleImportError with every problem of every file.
    A file exported from an older revision is refused if its language version has changed
    since, unless ``force``.

    For load_demo: ``comment_suffix`` ends the comment of every revision recorded, and
    ``left_alone(obj, lang)`` is asked before an existing article's language version (lang) or
    library reference (lang None) would be changed: a note it returns leaves that object as it
    is, and goes into the report (outcome "kept") instead.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _import_article_files(
            [str(path) for path in paths],
            user=user,
            force=force,
            comment_suffix=comment_suffix,
            left_alone=left_alone,
        )


class _Problems:
    """Problem lines, given out file by file (in the order of the command line), by line."""

    def __init__(self, sources):
        self.order = {source: index for index, source in reversed(list(enumerate(sources)))}
        self.items = []

    def add(self, source, line, message):
        where = f"{source}:{line}" if line else source
        self.items.append((self.order.get(source, len(self.order)), line or 0, len(self.items), f"{where}: {message}"))

    def add_line(self, source, text):
        """A line already formatted (a file that could not be read has no line number)."""
        self.items.append((self.order.get(source, len(self.order)), 0, len(self.items), text))

    def lines(self):
        return [text for *_key, text in sorted(self.items)]


def _conflict(article_file):
    """Why importing this file would overwrite changes made since its export, or None."""
    article = Article.objects.filter(slug=article_file.slug).first()
    if article is None or article_file.revision is None:
        return None
    version = version_at(article, article_file.revision)
    if version is None:
        return _(
            "revision %(revision)s is not in the history of “%(slug)s”; export the article again, or use --force."
        ) % {"revision": article_file.revision, "slug": article_file.slug}
    old = version.field_dict
    suffix = field_suffix(article_file.lang)
    changed = [
        name
        for name in ("title", "summary", "body")
        if not _same_text(name, old.get(f"{name}_{suffix}") or "", article.text(name, article_file.lang))
    ]
    if not changed:
        return None
    return _(
        "“%(slug)s” (%(lang)s) was edited after revision %(revision)s, which this file was exported from "
        "(%(fields)s changed); export it again and merge your edits, or use --force to overwrite those changes."
    ) % {
        "slug": article_file.slug,
        "lang": article_file.lang,
        "revision": article_file.revision,
        "fields": ", ".join(changed),
    }


def _import_article_files(paths, *, user, force=False, comment_suffix="", left_alone=None):
    problems = _Problems(paths)
    parsed = []  # (source, ArticleFile) of files without problems so far
    checked_only = []  # files with front-matter problems: their text is checked all the same
    for source in paths:
        text, problem = read_text_file(source)
        if problem:
            problems.add_line(source, problem)
            continue
        article_file, file_problems = parse_article(text, source)
        for problem in file_problems:
            problems.add(source, problem.line, problem.message)
        if article_file is None:
            continue
        if file_problems:
            # Still check the text, to report every problem of the file at once.
            checked_only.append((source, article_file))
        else:
            parsed.append((source, article_file))

    writing = _Writing()
    try:
        with transaction.atomic():
            # Checked against the database and written in one turn: another import running
            # now is waited for, and what it wrote is seen here.
            csl.wait_for_other_imports()
            _check_against_database(problems, parsed, checked_only, force=force)
            if problems.items:
                raise ArticleImportError(problems.lines())
            return _write(
                parsed, user=user, writing=writing, comment_suffix=comment_suffix, left_alone=left_alone
            )
    except ArticleImportError:
        raise
    except ReferenceImportError as error:  # SQLite stayed busy with another import
        raise ArticleImportError(error.lines) from None
    except IntegrityError:
        # A writer that does not wait for imports (the admin) saved the same key meanwhile.
        raise ArticleImportError([writing.problem()]) from None


class _Writing:
    """What the import is writing: an IntegrityError names it."""

    def __init__(self):
        self.source, self.message = "", ""

    def article(self, source, slug, lang):
        self.source = source
        self.message = _(
            "“%(slug)s” (%(lang)s) was saved by someone else at the same moment; nothing was imported: "
            "run the import again."
        ) % {"slug": slug, "lang": lang}

    def topic(self, source, slug):
        self.source = source
        self.message = _(
            "topic “%(topic)s” was created by someone else at the same moment; nothing was imported: "
            "run the import again."
        ) % {"topic": slug}

    def reference(self, source, key):
        self.source = source
        self.message = _("reference “%(key)s”: %(message)s") % {"key": key, "message": csl.saved_elsewhere_message()}

    def problem(self):
        return f"{self.source}: {self.message}"


def _check_against_database(problems, parsed, checked_only, *, force):
    """Add the problems that need the database (and the other files of the call) to find."""
    # One language version once per call.
    seen = {}
    for source, article_file in parsed:
        ident = (article_file.slug, article_file.lang)
        if ident in seen:
            problems.add(
                source,
                article_file.key_lines.get("slug", 1),
                _("%(other)s already holds “%(slug)s” in %(lang)s; give each language version once.")
                % {"other": seen[ident], "slug": article_file.slug, "lang": article_file.lang},
            )
        else:
            seen[ident] = source

    # References of every file: checked between them and against the library.
    items = []  # (source, article_file, index, fields)
    for source, article_file in parsed:
        for index, item in enumerate(article_file.references):
            fields, _problems = csl.parse_item(item)  # item problems were reported by parse_article
            items.append((source, article_file, index, fields))
    between = csl.batch_problems([fields for *_rest, fields in items])
    for (source, article_file, index, fields), item_between in zip(items, between, strict=True):
        for problem in item_between + csl.library_problems(fields):
            line = article_file.reference_line(index, problem.field)
            problems.add(
                source,
                line,
                _("reference “%(key)s”: %(message)s") % {"key": fields["key"], "message": problem.message},
            )

    # Citation keys and audience personas.
    library_keys = set(Reference.objects.values_list("key", flat=True))
    for _source, article_file in parsed + checked_only:
        library_keys.update(
            str(item["id"]) for item in article_file.references if isinstance(item, dict) and item.get("id")
        )
    personas = set(Persona.objects.values_list("code", flat=True))
    for source, article_file in parsed + checked_only:
        for problem in check_article(
            article_file.summary, article_file.body, library_keys=library_keys, personas=personas
        ):
            problems.add(
                source, article_file.file_line(problem.field, problem.line, problem.message), problem.message
            )

    if not force:
        for source, article_file in parsed:
            conflict = _conflict(article_file)
            if conflict:
                problems.add(source, article_file.key_lines.get("revision", 1), conflict)


def _write(parsed, *, user, writing, comment_suffix="", left_alone=None):
    """Write the checked files (inside the import's transaction); the ImportReport."""
    report = ImportReport()
    by_slug = OrderedDict()
    for source, article_file in parsed:
        by_slug.setdefault(article_file.slug, []).append((source, article_file))
    # Every reference first: an article's citations are stored when it is saved, and it may
    # cite a key that another file of this call defines.
    references_done = set()
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            "Imported references from " + ", ".join(Path(s).name for s, _f in parsed) + comment_suffix
        )
        for source, article_file in parsed:
            for item in article_file.references:
                fields, _problems = csl.parse_item(item)
                if fields["key"] in references_done:
                    continue
                references_done.add(fields["key"])
                note = left_alone and _reference_left_alone(fields, left_alone)
                if note:
                    report.add(note, kind="reference", outcome="kept")
                    continue
                writing.reference(source, fields["key"])
                _reference, outcome = csl.upsert_reference(fields)
                if outcome != "unchanged":
                    report.add(
                        f"{source}: {outcome} reference “{fields['key']}”", kind="reference", outcome=outcome
                    )
    for slug, files in by_slug.items():
        with reversion.create_revision():
            reversion.set_user(user)
            imported, created = [], False
            for source, article_file in files:
                # An article this call created has nothing anybody could have edited.
                outcome = _import_one(source, article_file, slug, report, writing, None if created else left_alone)
                created = created or outcome == "created"
                if outcome != "kept":
                    imported.append(f"{Path(source).name} ({article_file.lang})")
            # Names the language versions this revision holds as imported (not those left alone).
            reversion.set_comment("Imported from " + ", ".join(imported) + comment_suffix)
    return report


def _reference_left_alone(fields, left_alone):
    reference = Reference.objects.filter(key=fields["key"]).first()
    if reference is None or not csl.differs(reference, fields):
        return None
    return left_alone(reference, None)


def _import_one(source, article_file, slug, report, writing, left_alone=None):
    """Write one language version; its outcome: created, updated, unchanged or kept (left alone)."""
    lang = article_file.lang
    with translation.override(lang):
        article = Article.objects.filter(slug=slug).first()
        created = article is None
        if created:
            article = Article(slug=slug, status=article_file.status or Article.Status.DRAFT)
        new_text = {
            field_name: getattr(article_file, field_name)
            for field_name in ("title", "summary", "body", "plain_summary")
            if getattr(article_file, field_name) is not None
            and (created or not _same_text(field_name, article.text(field_name, lang), getattr(article_file, field_name)))
        }
        new_status = article_file.status if article_file.status and article_file.status != article.status else None

        topics_changed, missing_topics = False, []
        if article_file.topics is not None:
            existing = {topic.slug: topic for topic in Topic.objects.filter(slug__in=article_file.topics)}
            missing_topics = [topic_slug for topic_slug in article_file.topics if topic_slug not in existing]
            current = set() if created else set(article.topics.values_list("pk", flat=True))
            topics_changed = bool(missing_topics) or current != {topic.pk for topic in existing.values()}

        if not (created or new_text or new_status or topics_changed):
            report.add(f"{source}: unchanged “{slug}” ({lang})", kind="article", outcome="unchanged")
            return "unchanged"
        note = None if created or not left_alone else left_alone(article, lang)
        if note:
            if note in report.lines:  # said once for all the article's language versions
                report.counts[("article", "kept")] += 1
            else:
                report.add(note, kind="article", outcome="kept")
            return "kept"

        for field_name, value in new_text.items():
            article.set_text(field_name, lang, value)
        if new_status:
            article.status = new_status
        for topic_slug in missing_topics:
            writing.topic(source, topic_slug)
            existing[topic_slug] = Topic.objects.create(slug=topic_slug, name_en=topic_slug)
            report.add(
                f"{source}: created topic “{topic_slug}” (named after its slug; rename it in the admin)",
                kind="topic",
                outcome="created",
            )
        writing.article(source, slug, lang)
        article.save()
        if topics_changed:
            article.topics.set([existing[topic_slug] for topic_slug in article_file.topics])
        # The version must show the final state, topics included.
        reversion.add_to_revision(article)
        outcome = "created" if created else "updated"
        report.add(f"{source}: {outcome} “{slug}” ({lang})", kind="article", outcome=outcome)
        return outcome


# --- CSL-JSON reference arrays ----------------------------------------------------------------


def import_reference_items(items, *, source, user=None):
    """Create or update library references from CSL-JSON items, all or nothing.

    Problems are raised together as ArticleImportError, one ``SOURCE:item N (key): problem``
    line each. See references.csl.import_reference_items.
    """
    try:
        return csl.import_reference_items(items, source=source, user=user)
    except ReferenceImportError as error:
        raise ArticleImportError(error.lines) from None


def import_reference_file(path, *, user=None):
    """import_reference_items() for a CSL-JSON file (a JSON syntax error names its line)."""
    try:
        items = csl.read_csl_json_file(path)
    except ReferenceImportError as error:
        raise ArticleImportError(error.lines) from None
    return import_reference_items(items, source=str(path), user=user)
