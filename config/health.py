"""Probes for a load balancer or orchestrator.

``/healthz`` (liveness): the process answers; touches nothing else, so a database outage does
not get healthy app servers restarted. ``/readyz`` (readiness): the database and the cache
answer; 503 while either does not, so traffic goes elsewhere until they are back.
"""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    checks = {"database": _check_database(), "cache": _check_cache()}
    ready = all(result == "ok" for result in checks.values())
    response = JsonResponse({"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503)
    if not ready:
        response["Retry-After"] = "10"
    return response


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "not ready"
        connection.close_if_unusable_or_obsolete()
        return f"error: {type(error).__name__}"
    return "ok"


def _check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        answered = cache.get(key) == "1"
        cache.delete(key)
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok" if answered else "error: no answer"
