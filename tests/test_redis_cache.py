"""The render cache on a real Redis (CACHE_URL), as production runs it.

Runs when Redis answers on 127.0.0.1:6379; CI sets REQUIRE_REDIS=1 so that a missing
Redis fails there instead of skipping.
"""

import os

import pytest

from articles.rendering import render_cache
from tests.factories import make_article
from tests.redis_helpers import redis_as_default_cache, skip_unless_redis

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


skip_unless_redis(allow_module_level=True)


@pytest.fixture
def redis_cache():
    with redis_as_default_cache(REDIS_URL) as (_prefix, cache):
        yield cache


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
