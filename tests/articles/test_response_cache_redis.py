"""The response cache on a real Redis (CACHE_URL), as several app servers share it: the pages
and the content version live there, so a change made in another process (another app server)
is seen here at once.

Runs when Redis answers on 127.0.0.1:6379 (CI sets REQUIRE_REDIS=1: then a missing Redis fails)."""

import os
import socket
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings

from articles.public import response_cache
from tests.factories import make_article

REDIS_URL = os.environ.get("TEST_RESPONSE_CACHE_REDIS_URL", "redis://127.0.0.1:6379/3")
ROOT = Path(__file__).resolve().parents[2]


def _redis_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


if not _redis_up():
    if os.environ.get("REQUIRE_REDIS") == "1":
        raise RuntimeError("REQUIRE_REDIS=1 but no Redis answers on 127.0.0.1:6379")
    pytest.skip("no Redis on 127.0.0.1:6379", allow_module_level=True)


@pytest.fixture
def redis_cache():
    prefix = f"medcms-test-{uuid.uuid4().hex}"
    config = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    with override_settings(CACHES=config):
        cache = caches["default"]
        cache.set(response_cache.NEXT_PUBLICATION_KEY, 0, None)  # the test database has no scheduled article
        yield prefix, cache
        cache.delete_pattern("*")


def bump_in_another_process(prefix):
    """What a save on another app server does to the cache: a new content version."""
    script = textwrap.dedent(f"""
        import django
        from django.conf import settings
        django.setup()
        settings.CACHES["default"]["KEY_PREFIX"] = {prefix!r}
        from articles.public import response_cache
        response_cache.bump()
    """)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "CACHE_URL": REDIS_URL}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=120)


def test_pages_are_kept_in_redis(client, db, redis_cache):
    _prefix, cache = redis_cache
    make_article("knee", title="Do cells help knees?")
    assert client.get("/en/articles/knee/")["X-Response-Cache"] == "miss"
    response = client.get("/en/articles/knee/")
    assert response["X-Response-Cache"] == "hit" and "Do cells help knees?" in response.content.decode()
    assert cache.keys(f"{response_cache.KEY_PREFIX}:page:*")


def test_a_change_in_another_process_is_seen_at_once(client, db, redis_cache):
    prefix, _cache = redis_cache
    make_article("knee", title="Do cells help knees?")
    client.get("/en/articles/knee/")
    assert client.get("/en/articles/knee/")["X-Response-Cache"] == "hit"
    bump_in_another_process(prefix)
    assert client.get("/en/articles/knee/")["X-Response-Cache"] == "miss"
