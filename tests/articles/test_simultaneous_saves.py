"""Two editors press Save at the same moment: no edit is lost, with or without the lock token.

Real concurrency needs two database connections that see each other's commits, so these
tests run on PostgreSQL only (the row lock of ``locking.check`` is ``SELECT ... FOR UPDATE``;
SQLite serialises writers by itself).
"""

import html
import re
import threading

import pytest
from django.db import connection, connections

from articles.models import Article
from tests.articles.test_concurrent_edit import (
    change_url,
    form_data_from,
    import_published_article,
    two_editors_open,
)

pytestmark = pytest.mark.django_db(transaction=True)

RACES = 5


def post_at_once(clients, url, datas):
    """Each client posts its data in its own thread, released at the same moment."""
    barrier = threading.Barrier(len(clients))
    responses = [None] * len(clients)

    def post(index):
        try:
            barrier.wait()
            responses[index] = clients[index].post(url, datas[index])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(index,)) for index in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def shown_body(response):
    """The English body in the re-shown form, read from the page (``response.context`` is not
    reliable here: the test client collects the templates rendered by every thread)."""
    match = re.search(r'<textarea name="body_en"[^>]*>(.*?)</textarea>', response.content.decode(), re.S)
    return html.unescape(match.group(1))


def with_paragraph(body, index, text):
    paragraphs = body.strip().split("\n\n")
    paragraphs[index] = text
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize("with_token", [True, False], ids=["browser-with-token", "script-without-token"])
def test_simultaneous_saves_lose_no_edit(editor, tmp_path, with_token):
    if connection.vendor != "postgresql":
        pytest.skip("needs two concurrent database connections (run with DATABASE_URL=postgres://...)")
    article = import_published_article(tmp_path, editor)
    client_a, _page, client_b, _page = two_editors_open(article, editor)
    url = change_url(article)
    for race in range(RACES):
        body = Article.objects.get(pk=article.pk).body_en
        # A edits the paragraph under "Evidence", B the one under "Cost".
        edits = ((1, f"Evidence, edit {race} of A."), (5, f"Cost, edit {race} of B."))
        datas = []
        for client, (index, text) in zip((client_a, client_b), edits, strict=True):
            data = form_data_from(client.get(url), body_en=with_paragraph(body, index, text))
            if not with_token:
                data.pop("base_revision")
            datas.append(data)

        responses = post_at_once((client_a, client_b), url, datas)

        stored = Article.objects.get(pk=article.pk).body_en
        assert sorted(r.status_code for r in responses) == ([200, 302] if with_token else [200, 200]), race
        for response, (_index, text) in zip(responses, edits, strict=True):
            if response.status_code == 302:
                assert text in stored, f"race {race}: a saved edit was overwritten"
            else:
                assert 'id="edit-conflict"' in response.content.decode(), race
                assert text in shown_body(response), f"race {race}: a refused edit left the form"
