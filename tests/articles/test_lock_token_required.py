"""A change of an existing article posted without the lock token is refused, never saved blind."""

import pytest
from reversion.models import Version

from articles.editing import locking
from articles.models import Article
from tests.articles.test_concurrent_edit import (
    as_browser_sends,
    change_url,
    form_data_from,
    import_published_article,
    two_editors_open,
)


def without_token(data):
    return {name: value for name, value in data.items() if name != "base_revision"}


@pytest.fixture
def imported(tmp_path, editor):
    return import_published_article(tmp_path, editor)


def test_a_post_without_the_token_is_refused_keeps_the_text_and_hands_out_the_token(editor_client, imported):
    url, revisions = change_url(imported), Version.objects.get_for_object(imported).count()
    page = editor_client.get(url)
    mine = imported.body_en.replace("about 300 euros", "about 250 euros")

    refused = editor_client.post(url, as_browser_sends(without_token(form_data_from(page, body_en=mine))))

    assert refused.status_code == 200
    form = refused.context["adminform"].form
    assert "did not say which revision of the article it was based on" in " ".join(form.non_field_errors())
    assert "about 250 euros" in form["body_en"].value()  # the text is kept
    stored = Article.objects.get(pk=imported.pk)
    assert "about 300 euros" in stored.body_en  # nothing written
    assert Version.objects.get_for_object(imported).count() == revisions
    # The re-shown form carries the current token: a deliberate save after review works.
    assert f'name="base_revision" value="{locking.token_for(imported)}"' in refused.content.decode()
    assert editor_client.post(url, form_data_from(refused)).status_code == 302
    assert "about 250 euros" in Article.objects.get(pk=imported.pk).body_en


def test_two_sessions_posting_without_the_token_lose_no_edit(editor, imported):
    client_a, page_a, client_b, page_b = two_editors_open(imported, editor)
    url, body = change_url(imported), imported.body_en
    theirs = body.replace("Two small trials", "Three small trials")
    mine = body.replace("about 300 euros", "about 250 euros")

    refused_a = client_a.post(url, without_token(form_data_from(page_a, body_en=theirs)))
    refused_b = client_b.post(url, without_token(form_data_from(page_b, body_en=mine)))

    assert (refused_a.status_code, refused_b.status_code) == (200, 200)
    assert Article.objects.get(pk=imported.pk).body_en == body
    # Both save again from the re-shown form: one wins, the other gets the conflict screen
    # (here with both edits combined, since they touch different paragraphs).
    assert client_a.post(url, form_data_from(refused_a)).status_code == 302
    conflict = client_b.post(url, form_data_from(refused_b))
    assert conflict.status_code == 200 and conflict.context["adminform"].form.lock_conflict is not None
    assert client_b.post(url, form_data_from(conflict)).status_code == 302
    stored = Article.objects.get(pk=imported.pk).body_en
    assert "Three small trials" in stored and "about 250 euros" in stored
