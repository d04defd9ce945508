"""record(): write one audit event, with the acting user and address of the current request."""

from django.db import transaction

from articles.files.backup import is_restoring

from .middleware import request_actor_and_ip
from .models import AuditEvent


def record(action, obj=None, *, detail="", actor=None, request=None, object_repr=None, on_commit=False):
    """Write an audit event for ``obj`` (a model instance or None).

    ``actor`` defaults to the signed-in user of the current request; ``on_commit`` defers the
    write until the surrounding transaction commits (what did not happen is not logged).
    """
    if is_restoring():
        return None  # a restore loads the trail as it was; loading it logs nothing new
    request_actor, ip = request_actor_and_ip(request)
    actor = actor if actor is not None else request_actor
    fields = {
        "action": action,
        "actor": actor.get_username() if actor is not None else "",
        "actor_id": actor.pk if actor is not None else None,
        "ip_address": ip,
        "object_type": obj._meta.label if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None and obj.pk is not None else "",
        "object_repr": (object_repr if object_repr is not None else str(obj) if obj is not None else "")[:300],
        "detail": detail,
    }
    if on_commit:
        transaction.on_commit(lambda: AuditEvent.objects.create(**fields))
        return None
    return AuditEvent.objects.create(**fields)
