"""One-file backups of everything the site holds, and restoring one into an empty database.

A backup is a JSON document: a header (format, version, when, the migrations it was made
with) and every row of every model of every installed app, parent tables before the tables
that point at them, with their primary keys. Foreign keys to content types, permissions and
users are written by natural key, so the file loads into a database whose content types were
numbered differently (SQLite into PostgreSQL and back). Articles in every language with their
whole history (reversion), references, reviews and sign-offs, personas, glossary, site pages,
users and groups are all "every model"; nothing here names another app, so no import runs up.

Left out: what a migrate creates by itself (content types, permissions), sessions and the
login-throttling records (transient).
"""

import datetime
import gzip
import json
from contextvars import ContextVar

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = "medcms-backup"
VERSION = 1
EXCLUDED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    # Derived from the articles and rendered again when missing (rendering/stored.py); its
    # HTML would be most of a backup's size. A row is only served for the same inputs.
    "articles.storedrender",
}
# Tables whose rows decide whether a database is "empty" (a fresh migrate fills others:
# role groups, default personas, site pages).
CONTENT_MODELS = ("articles.article", "references.reference", "auth.user")


_restoring = ContextVar("restoring_backup", default=False)


def is_restoring():
    """True while restore_backup loads rows: receivers that derive or log rows (search index,
    audit trail) stand aside, since the backup holds those rows too, exactly as they were."""
    return _restoring.get()


class _ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup keeps them to the microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup cannot be written or restored; the message is one line for the operator."""


def backed_up_models():
    """Every concrete model with data to keep, parents before the models pointing at them."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    return [
        model
        for model in ordered
        if model._meta.label_lower not in EXCLUDED and model._meta.managed and not model._meta.proxy
    ]


def _open(path, mode):
    return gzip.open(path, mode + "t", encoding="utf-8") if str(path).endswith(".gz") else open(  # noqa: SIM115
        path, mode, encoding="utf-8"
    )


def _applied_migrations(using):
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def write_backup(path, using=DEFAULT_DB_ALIAS):
    """Write the backup; returns {model label: row count}. Reads in one transaction (a
    consistent snapshot on PostgreSQL) and streams rows, so memory stays bounded."""
    counts = {}
    outermost = not connections[using].in_atomic_block
    with transaction.atomic(using=using), _open(path, "w") as out:
        if outermost and connections[using].vendor == "postgresql":
            with connections[using].cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "migrations": _applied_migrations(using),
        }
        out.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "objects": [\n')
        first = True
        for model in backed_up_models():
            rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=500)
            count = 0
            for item in serializers.serialize("python", rows, use_natural_foreign_keys=True):
                out.write(("" if first else ",\n") + json.dumps(item, cls=_ExactEncoder, ensure_ascii=False))
                first = False
                count += 1
            if count:
                counts[model._meta.label] = count
        out.write("\n]}\n")
    return counts


def read_backup(path):
    try:
        with _open(path, "r") as source:
            document = json.load(source)
    except FileNotFoundError:
        raise BackupError(_("%(file)s: no such file.") % {"file": path}) from None
    except (OSError, ValueError, EOFError) as error:
        raise BackupError(_("%(file)s: not a readable backup (%(error)s).") % {"file": path, "error": error}) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(_("%(file)s: not a MedCMS backup.") % {"file": path})
    if document.get("version") != VERSION:
        raise BackupError(
            _("%(file)s: backup format version %(version)s; this code reads version %(ours)s.")
            % {"file": path, "version": document.get("version"), "ours": VERSION}
        )
    return document


def restore_backup(path, using=DEFAULT_DB_ALIAS):
    """Load a backup into an empty, migrated database, all or nothing; returns the row count."""
    document = read_backup(path)
    missing = sorted({tuple(m) for m in document.get("migrations", [])} - {tuple(m) for m in _applied_migrations(using)})
    if missing:
        app, name = missing[0]
        raise BackupError(
            _("The backup was made with migration %(app)s.%(name)s, which this database has not applied: "
              "run migrate with the code that made the backup.") % {"app": app, "name": name}
        )
    occupied = {
        label: apps.get_model(label)._base_manager.using(using).count() for label in CONTENT_MODELS
    }
    if any(occupied.values()):
        found = ", ".join(f"{count} {label}" for label, count in occupied.items() if count)
        raise BackupError(
            _("The database is not empty (%(found)s): restore only into a freshly migrated database.")
            % {"found": found}
        )
    models = backed_up_models()
    connection = connections[using]
    token = _restoring.set(True)
    try:
        return _load(document, models, connection, using)
    finally:
        _restoring.reset(token)


def _load(document, models, connection, using):
    with transaction.atomic(using=using):
        # What a migrate created (role groups, default personas, site pages) makes way for the
        # backup's own rows, children first.
        for model in reversed(models):
            model._base_manager.using(using).all()._raw_delete(using)
        count = 0
        objects = serializers.deserialize(
            "python", document["objects"], using=using, handle_forward_references=True
        )
        deferred = []
        for item in objects:
            item.save(using=using)
            if item.deferred_fields:
                deferred.append(item)
            count += 1
        for item in deferred:
            item.save_deferred_fields(using=using)
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
    return count
