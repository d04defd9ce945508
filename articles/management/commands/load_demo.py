"""Load the demo site: topics, authors, articles (demo/) and one account per editorial role.

Safe to run again: rows are written only when they differ from demo/site.yaml and the demo
article files, so a second run changes nothing, records no new revision and says so. What was
edited since load_demo wrote it (in the admin, by an import) is left as it is, with a one-line
note, unless --force (see articles/files/demo_edits.py). Development only: it refuses to run when
settings.PRODUCTION is true.
"""

import secrets
from pathlib import Path

import reversion
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _
from reversion.models import Version

from articles.files import demo_hooks
from articles.files.demo_edits import REVISION_MARK, EditedSinceLoaded, byline_comment
from articles.files.importing import ArticleImportError, import_article_files
from articles.models import (
    LANGUAGE_CODES,
    Article,
    Author,
    Authorship,
    Citation,
    Topic,
    field_suffix,
    validate_slug,
)
from articles.staff.roles import BOARD, CHIEF_EDITORS, EDITORS, TRANSLATORS, ensure_roles
from references import csl
from references.models import Reference

DEFAULT_DEMO_DIR = Path(settings.BASE_DIR) / "demo"

# Username and role group of each demo account.
DEMO_ACCOUNTS = (
    ("editor", EDITORS),
    ("board", BOARD),
    ("translator", TRANSLATORS),
    ("chief", CHIEF_EDITORS),
)

SUFFIXES = [field_suffix(lang) for lang in LANGUAGE_CODES]
TOPIC_FIELDS = [f"{name}_{suffix}" for name in ("name", "description") for suffix in SUFFIXES]
AUTHOR_FIELDS = ["name"] + [
    f"{name}_{suffix}" for name in ("credentials", "affiliation", "disclosure", "bio") for suffix in SUFFIXES
]
ARTICLE_ENTRY_KEYS = ("slug", "files", "authors")
# A line of the importer's report: "FILE: created reference “key”" or "FILE: updated “slug” (en)".


class DemoError(Exception):
    """Problems with the demo content, one line each."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class Command(BaseCommand):
    help = (
        "Load the demo topics, authors and articles from demo/ and create one staff account per "
        "editorial role (development only). Running it again changes nothing, and never overwrites "
        "what was edited since it loaded it (unless --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts", action="store_true", help="Load the content only; create no demo accounts."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo content over edits made since load_demo loaded it (by default they are kept).",
        )
        parser.add_argument(
            "--demo-dir",
            default=str(DEFAULT_DEMO_DIR),
            help="Folder holding site.yaml and articles/ (default: the project's demo/ folder).",
        )

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                _("load_demo is for development only; refusing to run with DJANGO_ENV=production.")
            )
        demo_dir = Path(options["demo_dir"])
        self.verbosity = options["verbosity"]
        # Outside a request the active language is not guaranteed (docs/pitfalls.md).
        with translation.override(settings.LANGUAGE_CODE):
            try:
                site = read_site(demo_dir)
                guard = None if options["force"] else EditedSinceLoaded()
                with transaction.atomic():
                    # One load (or import) at a time: a second `make run` waits, then finds it all done.
                    csl.wait_for_other_imports()
                    lines, changes = self.load(site, demo_dir, accounts=not options["no_accounts"], guard=guard)
                    hook_lines, hook_changes = demo_hooks.run(accounts=not options["no_accounts"], force=options["force"])
                    lines += hook_lines
                    changes += hook_changes
            except csl.ReferenceImportError as error:  # SQLite stayed busy with another import
                raise CommandError(" ".join(error.lines)) from None
            except DemoError as error:
                for line in error.errors:
                    self.stderr.write(line)
                raise CommandError(
                    _("Demo content not loaded (%(count)s problem(s) above).") % {"count": len(error.errors)}
                ) from None
        for line in lines:
            self.stdout.write(line)
        notes = guard.notes if guard else []
        for note in notes:
            self.stdout.write(note)
        if notes:
            self.stdout.write("Edits made since the demo loaded them are kept; load_demo --force loads the demo over them.")
        if changes:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        elif notes:
            self.stdout.write("Nothing else to do: the rest of the demo content is already loaded and unchanged.")
        else:
            self.stdout.write("Nothing to do: the demo content is already loaded and unchanged.")

    # --- the steps, inside one transaction ---------------------------------------------------

    def load(self, site, demo_dir, *, accounts, guard):
        lines, changes = [], 0
        if accounts:
            account_lines, created = sync_accounts()
            lines += account_lines
            changes += created

        counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}
        for entry in site["topics"]:
            counts[sync_row(Topic, entry, TOPIC_FIELDS, guard)] += 1
        lines.append(f"Topics: {summarise(counts)}.")
        changes += counts["created"] + counts["updated"]

        counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}
        for entry in site["authors"]:
            counts[sync_row(Author, entry, AUTHOR_FIELDS, guard)] += 1
        lines.append(f"Authors: {summarise(counts)}.")
        changes += counts["created"] + counts["updated"]

        article_lines, other, details, article_changes = import_articles(site, demo_dir, guard)
        lines += article_lines + (details if self.verbosity >= 2 else other)
        changes += article_changes

        bylines = {"set": 0, "already right": 0, "kept": 0}
        for entry in site["articles"]:
            bylines[sync_authorships(entry["slug"], entry["authors"], guard)] += 1
        changed_bylines = bylines["set"]
        lines.append(f"Bylines: {summarise(bylines)}.")
        changes += changed_bylines
        return lines, changes


def summarise(counts):
    """ "2 created, 0 updated, 1 unchanged"; "kept" (left as edited) only when there are any."""
    return ", ".join(f"{number} {label}" for label, number in counts.items() if number or label != "kept")


# --- site.yaml ---------------------------------------------------------------------------------


def read_site(demo_dir):
    """site.yaml, checked; raises DemoError listing every problem."""
    path = demo_dir / "site.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DemoError([f"{path}: " + _("cannot read it (%(error)s).") % {"error": error.strerror}]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or _("not valid YAML")
        raise DemoError([f"{where}: " + _("YAML error: %(problem)s.") % {"problem": problem}]) from None
    if not isinstance(data, dict):
        raise DemoError([f"{path}: " + _("expected the keys topics, authors and articles.")])
    errors = []
    for key in data:
        if key not in ("topics", "authors", "articles"):
            errors.append(f"{path}: " + _("unknown key “%(key)s” (allowed: topics, authors, articles).") % {"key": key})
    site = {}
    for section, allowed in (
        ("topics", ["slug", *TOPIC_FIELDS]),
        ("authors", ["slug", *AUTHOR_FIELDS]),
        ("articles", list(ARTICLE_ENTRY_KEYS)),
    ):
        entries = data.get(section) or []
        if not isinstance(entries, list):
            errors.append(f"{path}: " + _("“%(section)s” must be a list.") % {"section": section})
            entries = []
        seen = set()
        for index, entry in enumerate(entries, start=1):
            label = f"{path}: {section} entry {index}"
            if not isinstance(entry, dict):
                errors.append(f"{label}: " + _("must be a mapping of keys and values."))
                continue
            slug = entry.get("slug")
            try:
                validate_slug(slug if isinstance(slug, str) else "")
            except ValidationError:
                errors.append(
                    f"{label}: " + _("slug “%(slug)s” is missing or not a slug (e.g. msc-knee-dose).") % {"slug": slug}
                )
            if slug in seen:
                errors.append(f"{label}: " + _("slug “%(slug)s” is listed twice.") % {"slug": slug})
            seen.add(slug)
            for key, value in entry.items():
                if key not in allowed:
                    errors.append(
                        f"{label} ({slug}): "
                        + _("unknown key “%(key)s” (allowed: %(allowed)s).") % {"key": key, "allowed": ", ".join(allowed)}
                    )
                elif section != "articles" and not isinstance(value, str):
                    errors.append(f"{label} ({slug}): " + _("“%(key)s” must be text.") % {"key": key})
        site[section] = entries

    author_slugs = {entry.get("slug") for entry in site["authors"] if isinstance(entry, dict)}
    for entry in site["articles"]:
        if not isinstance(entry, dict):
            continue
        slug = entry.get("slug")
        files = entry.get("files")
        if not isinstance(files, list) or not files or not all(isinstance(name, str) for name in files):
            errors.append(
                f"{path}: "
                + _("article “%(slug)s”: “files” must be a list of file names in demo/articles/.") % {"slug": slug}
            )
        else:
            for name in files:
                if not (demo_dir / "articles" / name).is_file():
                    errors.append(
                        f"{path}: "
                        + _("article “%(slug)s”: file articles/%(name)s does not exist.") % {"slug": slug, "name": name}
                    )
        authors = entry.get("authors", [])
        if not isinstance(authors, list):
            errors.append(
                f"{path}: " + _("article “%(slug)s”: “authors” must be a list of author slugs.") % {"slug": slug}
            )
        else:
            for author in authors:
                if author not in author_slugs:
                    errors.append(
                        f"{path}: "
                        + _("article “%(slug)s”: author “%(author)s” is not in the authors list.")
                        % {"slug": slug, "author": author}
                    )
            if len(set(authors)) != len(authors):
                errors.append(f"{path}: " + _("article “%(slug)s”: an author is listed twice.") % {"slug": slug})
    if errors:
        raise DemoError(errors)
    for entry in site["articles"]:
        entry.setdefault("authors", [])
    return site


# --- rows ------------------------------------------------------------------------------------


def sync_row(model, entry, fields, guard=None):
    """Create the row with this slug or update the fields that differ; save only on a change.

    "kept" when the guard (EditedSinceLoaded) says the row was edited since load_demo wrote it."""
    wanted = {field: entry.get(field, "") for field in fields}
    obj = model.objects.filter(slug=entry["slug"]).first()
    if obj is None:
        obj = model(slug=entry["slug"], **wanted)
        outcome = "created"
    else:
        differing = {field: value for field, value in wanted.items() if getattr(obj, field) != value}
        if not differing:
            return "unchanged"
        if guard and guard.row(obj, model._meta.model_name, "slug", fields):
            return "kept"
        for field, value in differing.items():
            setattr(obj, field, value)
        outcome = "updated"
    with reversion.create_revision():
        obj.save()
        reversion.set_comment(f"Demo {model._meta.model_name} {outcome} {REVISION_MARK}")
    return outcome


def import_articles(site, demo_dir, guard=None):
    """Import every article file in one call, English files first (they define the keys)."""
    order = {lang: index for index, lang in enumerate(LANGUAGE_CODES)}

    def language_of(path):
        # msc-knee-dose.zh-hans.md -> zh-hans
        suffix = path.name.removesuffix(".md").rsplit(".", 1)
        return order.get(suffix[-1] if len(suffix) == 2 else "", len(order))

    paths = [demo_dir / "articles" / name for entry in site["articles"] for name in entry["files"]]
    paths.sort(key=language_of)  # stable: keeps the site.yaml order within a language
    before = import_footprint()
    try:
        report = import_article_files(paths, comment_suffix=f" {REVISION_MARK}", left_alone=guard)
    except ArticleImportError as error:
        raise DemoError(error.lines) from None
    changed = import_footprint() != before
    versions = {
        outcome: report.counts[("article", outcome)] for outcome in ("created", "updated", "unchanged", "kept")
    }
    references = {outcome: report.counts[("reference", outcome)] for outcome in ("created", "updated", "kept")}
    details = [f"  {line}" for line in report.lines]
    other = [f"  {line}" for line in report.lines_of(None, "topic")]
    lines = [
        f"Article files: {summarise(versions)} (of {len(paths)}).",
        f"References: {summarise(references)}, {Reference.objects.count()} in the library.",
    ]
    return lines, other, details, int(changed)


def import_footprint():
    """What an import that changes anything leaves behind: new rows, versions or save times."""
    return (
        Version.objects.count(),
        Reference.objects.count(),
        Reference.objects.aggregate(latest=Max("updated_at"))["latest"],
        Article.objects.count(),
        Article.objects.aggregate(latest=Max("updated_at"))["latest"],
        Topic.objects.count(),
        Citation.objects.count(),
    )


def sync_authorships(slug, author_slugs, guard=None):
    """Set the article's byline to these authors in this order: "set", "already right", or
    "kept" when the guard (EditedSinceLoaded) says the article was edited since load_demo wrote it."""
    article = Article.objects.get(slug=slug)
    authors = Author.objects.in_bulk(author_slugs, field_name="slug")
    wanted = [authors[author_slug].pk for author_slug in author_slugs]
    current = list(article.authorships.order_by("position", "id"))
    if [(a.author_id, a.position) for a in current] == [(pk, pos) for pos, pk in enumerate(wanted)]:
        return "already right"
    if guard and guard.byline(article):
        return "kept"
    comment = byline_comment(slug, author_slugs)
    with reversion.create_revision():
        by_author = {authorship.author_id: authorship for authorship in current}
        Authorship.objects.filter(pk__in=[a.pk for a in current if a.author_id not in wanted]).delete()
        for position, author_id in enumerate(wanted):
            authorship = by_author.get(author_id)
            if authorship is None:
                Authorship.objects.create(article=article, author_id=author_id, position=position)
            elif authorship.position != position:
                authorship.position = position
                authorship.save(update_fields=["position"])
        # Saved, not only added: reversion drops an article version identical to the last one
        # (ignore_duplicates), and with it the revision's place in the article's history.
        article.save(update_fields=["updated_at"])
        reversion.set_comment(comment)
    return "set"


# --- accounts --------------------------------------------------------------------------------


def sync_accounts():
    """One staff account per role; a new account's password is shown once, here."""
    ensure_roles()
    user_model = get_user_model()
    lines, created = ["Demo accounts (development only):"], 0
    for username, group_name in DEMO_ACCOUNTS:
        group = Group.objects.get(name=group_name)
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = user_model.objects.create_user(username=username, password=password, is_staff=True)
            user.groups.add(group)
            lines.append(f"  {username} / {password} ({group_name})")
            created += 1
            continue
        fixes = []
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            fixes.append("made staff")
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            fixes.append(f"added to {group_name}")
        note = f"; {', '.join(fixes)}" if fixes else ""
        lines.append(f"  {username} already exists, password unchanged ({group_name}{note})")
        created += bool(fixes)
    if created:
        lines.append("  Passwords are shown only when an account is created: note them now.")
    return lines, created
