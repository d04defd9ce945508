"""Writing thousands of rows of one model fast: what bulk_create and bulk_update do, in a few
statements whatever the number of rows.

Django's own bulk methods are slow for wide rows: bulk_update writes one ``CASE WHEN`` per
column and row (10,000 changed references took 80 s), and on PostgreSQL bulk_create's
``UNNEST`` arrays are escaped value by value in Python by psycopg (most of the time of a
10,000-reference import went into escaping the JSON columns). Here:

- PostgreSQL (psycopg 3): ``COPY ... FROM STDIN`` (escaped in C); new rows get their ids
  from the table's sequence first; updates are copied into a temporary table and applied by
  one ``UPDATE ... FROM``.
- SQLite: one prepared statement run for every row (``executemany``, in C); new rows get
  explicit ids after the highest ever used, under the database's write lock.
- Anything else: Django's bulk_create / bulk_update.

Like Django's bulk methods, no model signals are sent and ``save()`` is not called. Values go
through each field's ``get_db_prep_save`` (and, for new rows, ``pre_save``: ``auto_now_add``
and ``auto_now`` are set), as bulk_create does. COPY statements are recorded in
``connection.queries`` when queries are logged, so query counts include them. Database errors
(a unique key) are raised as Django's (IntegrityError, ...).
"""

import time

from django.db import connections, router, transaction
from django.db.models import AutoField, BigAutoField, SmallAutoField

BATCH_SIZE = 500  # for the fallback to Django's bulk methods


def insert_rows(model, objects):
    """Insert new, unsaved instances of ``model``; each gets its primary key (as bulk_create)."""
    objects = list(objects)
    if not objects:
        return objects
    db = router.db_for_write(model)
    connection = connections[db]
    if not _has_auto_pk(model) or any(obj.pk is not None for obj in objects):
        model._base_manager.using(db).bulk_create(objects, batch_size=BATCH_SIZE)
        return objects
    with transaction.atomic(using=db, savepoint=False):
        if _copy_available(connection):
            _pg_insert(connection, model, objects)
        elif connection.vendor == "sqlite":
            _sqlite_insert(connection, model, objects)
        else:
            model._base_manager.using(db).bulk_create(objects, batch_size=BATCH_SIZE)
            return objects
    for obj in objects:
        obj._state.adding = False
        obj._state.db = db
    return objects


def update_rows(model, objects, field_names):
    """Write ``field_names`` of saved instances of ``model`` (as bulk_update: values as they are
    on the objects, ``auto_now`` not applied)."""
    objects = list(objects)
    if not objects:
        return
    db = router.db_for_write(model)
    connection = connections[db]
    fields = [model._meta.get_field(name) for name in field_names]
    with transaction.atomic(using=db, savepoint=False):
        if _copy_available(connection):
            _pg_update(connection, model, objects, fields)
        elif connection.vendor == "sqlite":
            _sqlite_update(connection, model, objects, fields)
        else:
            model._base_manager.using(db).bulk_update(objects, field_names, batch_size=BATCH_SIZE)


def _has_auto_pk(model):
    return isinstance(model._meta.pk, (AutoField, BigAutoField, SmallAutoField))


def _copy_available(connection):
    if connection.vendor != "postgresql":
        return False
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    return is_psycopg3


def _insert_fields(model):
    return [field for field in model._meta.concrete_fields if not field.primary_key and not field.generated]


def _insert_values(connection, fields, obj):
    return [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]


def _update_values(connection, fields, obj):
    return [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]


def _columns(connection, fields):
    return ", ".join(connection.ops.quote_name(field.column) for field in fields)


# --- PostgreSQL --------------------------------------------------------------------------------


def _pg_copy(connection, cursor, table, fields, rows):
    """COPY rows (lists of values for ``fields``) into ``table``, recorded like a query."""
    statement = f"COPY {connection.ops.quote_name(table)} ({_columns(connection, fields)}) FROM STDIN"
    start = time.monotonic()
    with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
    if connection.queries_logged:
        connection.queries_log.append(
            {"sql": f"{statement} -- {len(rows)} rows", "time": f"{time.monotonic() - start:.3f}"}
        )


def _pg_insert(connection, model, objects):
    opts = model._meta
    fields = _insert_fields(model)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(opts.db_table), opts.pk.column, len(objects)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        rows = []
        for pk, obj in zip(ids, objects, strict=True):
            obj.pk = pk
            rows.append([pk, *_insert_values(connection, fields, obj)])
        _pg_copy(connection, cursor, opts.db_table, [opts.pk, *fields], rows)


def _pg_update(connection, model, objects, fields):
    opts = model._meta
    quote = connection.ops.quote_name
    table, temporary = quote(opts.db_table), f"bulk_update_{opts.db_table}"
    columns = [opts.pk, *fields]
    rows = [[obj.pk, *_update_values(connection, fields, obj)] for obj in objects]
    with connection.cursor() as cursor:
        # Same column types as the table, no constraints; dropped at the end of the transaction.
        cursor.execute(
            f"CREATE TEMPORARY TABLE {quote(temporary)} ON COMMIT DROP AS "  # noqa: S608 - our names
            f"SELECT {_columns(connection, columns)} FROM {table} WITH NO DATA"
        )
        _pg_copy(connection, cursor, temporary, columns, rows)
        assignments = ", ".join(f"{quote(field.column)} = new.{quote(field.column)}" for field in fields)
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM {quote(temporary)} AS new "  # noqa: S608 - our names
            f"WHERE {table}.{quote(opts.pk.column)} = new.{quote(opts.pk.column)}"
        )
        cursor.execute(f"DROP TABLE {quote(temporary)}")


# --- SQLite ------------------------------------------------------------------------------------


def _sqlite_insert(connection, model, objects):
    opts = model._meta
    quote = connection.ops.quote_name
    table, pk = quote(opts.db_table), quote(opts.pk.column)
    fields = _insert_fields(model)
    with connection.cursor() as cursor:
        # Take the write lock now (a write that changes nothing), so that no other connection
        # inserts between reading the highest id and inserting after it.
        cursor.execute(f"UPDATE {table} SET {pk} = {pk} WHERE 0")  # noqa: S608 - our names
        cursor.execute(f"SELECT MAX({pk}) FROM {table}")  # noqa: S608 - our names
        highest = cursor.fetchone()[0] or 0
        # AUTOINCREMENT never reuses an id, even of a deleted row: start after the highest used.
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
        if cursor.fetchone():
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [opts.db_table])
            row = cursor.fetchone()
            highest = max(highest, row[0] if row else 0)
        rows = []
        for number, obj in enumerate(objects, start=highest + 1):
            obj.pk = number
            rows.append([number, *_insert_values(connection, fields, obj)])
        placeholders = ", ".join(["%s"] * (len(fields) + 1))
        cursor.executemany(
            f"INSERT INTO {table} ({_columns(connection, [opts.pk, *fields])}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )


def _sqlite_update(connection, model, objects, fields):
    opts = model._meta
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    rows = [[*_update_values(connection, fields, obj), obj.pk] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(opts.db_table)} SET {assignments} WHERE {quote(opts.pk.column)} = %s",  # noqa: S608
            rows,
        )
