"""The response cache on a real Redis (CACHE_URL), as several app servers share it: the pages
and the content version live there, so a change made in another process (another app server)
is seen here at once.

Runs when Redis answers on 127.0.0.1:6379 (CI sets REQUIRE_REDIS=1: then a missing Redis fails)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from articles.public import response_cache
from tests.factories import make_article
from tests.redis_helpers import redis_as_default_cache, skip_unless_redis

REDIS_URL = os.environ.get("TEST_RESPONSE_CACHE_REDIS_URL", "redis://127.0.0.1:6379/3")
ROOT = Path(__file__).resolve().parents[2]


skip_unless_redis(allow_module_level=True)


@pytest.fixture
def redis_cache():
    with redis_as_default_cache(REDIS_URL) as (prefix, cache):
        cache.set(response_cache.NEXT_PUBLICATION_KEY, 0, None)  # the test database has no scheduled article
        yield prefix, cache


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
