"""The render cache on a real Redis (CACHE_URL), as production runs it.

Runs when Redis answers on 127.0.0.1:6379; CI sets REQUIRE_REDIS=1 so that a missing
Redis fails there instead of skipping.
"""

import os
import socket
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from articles.rendering import render_cache
from tests.factories import make_article

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


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
        yield cache
        cache.delete_pattern("*")


def test_switching_back_to_a_persona_is_served_from_redis(client, db, redis_cache, monkeypatch):
    calls = []
    real_render = render_cache._render_article

    def counting_render(*args, **kwargs):
        calls.append(kwargs.get("persona"))
        return real_render(*args, **kwargs)

    monkeypatch.setattr(render_cache, "_render_article", counting_render)
    make_article(slug="knee", summary="Answer.", body='::: {audience="patient"}\nFor patients.\n:::\n')

    first = client.get("/en/articles/knee/?persona=patient").content.decode()
    client.get("/en/articles/knee/?persona=physician")
    again = client.get("/en/articles/knee/?persona=patient").content.decode()

    assert calls == ["patient", "physician"]
    assert "For patients." in first and "For patients." in again
    assert redis_cache.keys("*"), "nothing was stored in Redis"
