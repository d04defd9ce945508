"""Shared by the tests that need a real Redis on 127.0.0.1:6379: they skip without one,
except in CI, which sets REQUIRE_REDIS=1 so that a missing Redis fails instead."""

import contextlib
import os
import socket
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings


def redis_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def skip_unless_redis(*, allow_module_level=False):
    if not redis_up():
        if os.environ.get("REQUIRE_REDIS") == "1":
            raise RuntimeError("REQUIRE_REDIS=1 but no Redis answers on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379", allow_module_level=allow_module_level)


@contextlib.contextmanager
def redis_as_default_cache(url):
    """(key prefix, cache): Django's default cache on Redis at ``url`` under a prefix of its
    own, emptied afterwards."""
    prefix = f"medcms-test-{uuid.uuid4().hex}"
    config = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}}
    with override_settings(CACHES=config):
        cache = caches["default"]
        try:
            yield prefix, cache
        finally:
            cache.delete_pattern("*")
