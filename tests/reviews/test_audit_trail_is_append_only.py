"""An audit event is written once: the model refuses changes and deletions, and on PostgreSQL
so does the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from reviews.audit.models import AppendOnlyError, AuditEvent


def test_an_event_cannot_be_changed_or_deleted(db):
    event = AuditEvent.objects.create(action=AuditEvent.Action.PUBLISH, object_repr="x")
    event.object_repr = "y"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(object_repr="y")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).object_repr == "x"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgresql_refuses_updates_and_deletes_that_bypass_the_model(db):
    event = AuditEvent.objects.create(action=AuditEvent.Action.PUBLISH, object_repr="x")
    for sql in ("UPDATE reviews_auditevent SET object_repr = 'y' WHERE id = %s",
                "DELETE FROM reviews_auditevent WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).object_repr == "x"
