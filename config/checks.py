"""System checks of the deployment (``manage.py check --deploy``)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Several app servers share what the cache holds (the follow-up rate limit, rendered
    articles) only through CACHE_URL: a process's local memory is its own."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith("LocMemCache") or backend.endswith("DummyCache"):
        return [
            checks.Warning(
                "CACHE_URL is not set: the cache lives in each process's memory, so rate limits and "
                "cached pages are not shared between app servers (or gunicorn workers).",
                hint="Set CACHE_URL=redis://HOST:6379/N.",
                id="medcms.W001",
            )
        ]
    return []
