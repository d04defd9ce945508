"""An article scheduled for later appears on the cached pages once its time has come, without
any save at that moment (the content version notes when the next scheduled article goes live)."""

import datetime
import time

from django.utils import timezone

from tests.articles.response_cache_helpers import cached_now, fetch
from tests.factories import make_article


def test_a_scheduled_article_appears_on_the_cached_index_when_its_time_comes(client, db):
    make_article("now", title="Published now?")
    soon = timezone.now() + datetime.timedelta(seconds=1.5)
    make_article("later", title="Published a little later?", published_at=soon)
    html = cached_now(client, "/en/articles/")
    assert "Published now?" in html and "Published a little later?" not in html
    assert fetch(client, "/en/articles/later/")[0].status_code == 404
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.2)
    response, html = fetch(client, "/en/articles/")
    assert response["X-Response-Cache"] == "miss"
    assert "Published a little later?" in html
    assert fetch(client, "/en/articles/later/")[0].status_code == 200
