"""Only published articles have reference downloads."""

import pytest

from tests.factories import make_article, make_reference


@pytest.mark.parametrize("ext", ["json", "bib", "ris"])
def test_a_draft_has_no_reference_download(client, editor, ext):
    make_reference("secret-ref", title="Unpublished source")
    make_article("draft-one", status="draft", summary="Not yet [@secret-ref].")
    assert client.get(f"/en/articles/draft-one/references.{ext}").status_code == 404
    client.force_login(editor)  # not even for an editor: the preview is the editors' way in
    response = client.get(f"/en/articles/draft-one/references.{ext}")
    assert response.status_code == 404
    assert b"Unpublished source" not in response.content


@pytest.mark.parametrize("ext", ["json", "bib", "ris"])
def test_an_unknown_article_or_format_is_not_found(client, db, ext):
    assert client.get(f"/en/articles/no-such-article/references.{ext}").status_code == 404
    make_article("real-one")
    assert client.get("/en/articles/real-one/references.xml").status_code == 404


def test_the_preview_of_a_draft_offers_no_download(editor_client):
    make_reference("draft-ref")
    make_article("draft-two", status="draft", summary="Soon [@draft-ref].")
    html = editor_client.get("/en/articles/draft-two/preview/").content.decode()
    assert "references.ris" not in html
