"""Each client may send a few questions per hour; the count is kept in the cache."""

import pytest
from django.core.cache import cache
from django.test import Client

from articles.models import FollowUpQuestion
from tests.articles.followup_helpers import ask, published_article

URL = "/en/articles/knee-cells/follow-up/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_sixth_question_in_an_hour_is_refused_keeping_the_text(client, db, settings):
    settings.FOLLOWUP_RATE_LIMIT = 5
    published_article()
    for n in range(5):
        assert ask(client, question=f"Question {n}").status_code == 302
    response = ask(client, question="One more question")
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent several questions in a short time." in html
    assert "One more question</textarea>" in html
    assert FollowUpQuestion.objects.count() == 5


def test_the_limit_is_per_client_address_whichever_server_answers(db, settings):
    settings.FOLLOWUP_RATE_LIMIT = 1
    published_article()
    server_a, server_b = Client(), Client()  # two app servers sharing one cache
    assert server_a.post(URL, {"question": "First"}, REMOTE_ADDR="203.0.113.1").status_code == 302
    assert server_b.post(URL, {"question": "Second"}, REMOTE_ADDR="203.0.113.1").status_code == 429
    assert server_b.post(URL, {"question": "Another reader"}, REMOTE_ADDR="203.0.113.2").status_code == 302
    assert cache.get("followup-rate:203.0.113.1") == 2
    cache.delete("followup-rate:203.0.113.1")  # the window ends
    assert server_a.post(URL, {"question": "Next hour"}, REMOTE_ADDR="203.0.113.1").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_counts(db, settings, client):
    settings.FOLLOWUP_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    published_article()
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    assert client.post(URL, {"question": "A"}, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 302
    # A client cannot escape the limit by sending its own X-Forwarded-For: the proxy appends the real one.
    spoofed = "1.2.3.4, 198.51.100.7"
    assert client.post(URL, {"question": "B"}, HTTP_X_FORWARDED_FOR=spoofed, **proxy).status_code == 429
    assert client.post(URL, {"question": "C"}, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy).status_code == 302
