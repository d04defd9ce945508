"""Replies from Redis (every page served from the cache) are parsed by hiredis's C parser, not
by redis-py's Python one: requirements.txt installs it and redis-py picks it up by itself."""

import os

from tests.redis_helpers import redis_as_default_cache, skip_unless_redis

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_the_cache_reads_redis_replies_with_hiredis():
    skip_unless_redis()
    with redis_as_default_cache(REDIS_URL) as (_prefix, cache):
        cache.set("page", {"chunks": [b"<html>"]})
        assert cache.get("page") == {"chunks": [b"<html>"]}
        connection = cache.client.get_client().connection_pool.get_connection()
        try:
            assert type(connection._parser).__name__ == "_HiredisParser"
        finally:
            cache.client.get_client().connection_pool.release(connection)
