"""The article page tells readers which language and which version of the text they read."""

import reversion

from articles.models import Article, UpdateNote
from tests.factories import make_article


def _bilingual(db):
    return make_article(
        slug="knee", title="Which dose?", summary="High dose.", title_zh_hans="哪个剂量？", summary_zh_hans="高剂量。"
    )


def test_every_language_has_an_hreflang_alternate_plus_x_default(client, db):
    _bilingual(db)
    html = client.get("/zh-hans/articles/knee/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/articles/knee/">' in html
    assert '<link rel="alternate" hreflang="zh-hans" href="http://testserver/zh-hans/articles/knee/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/articles/knee/">' in html


def test_x_default_address_sends_readers_to_their_browser_language(client, db):
    _bilingual(db)
    response = client.get("/articles/knee/", headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/articles/knee/"


def test_translation_readers_are_told_when_the_original_changed(client, db):
    article = Article.objects.get(pk=_bilingual(db).pk)
    article.body_en = "New evidence was added."
    article.save()
    html = client.get("/zh-hans/articles/knee/").content.decode()
    assert "This translation may be out of date (source updated" in html or "此译文可能已过时" in html


def test_original_language_readers_see_no_stale_note(client, db):
    article = Article.objects.get(pk=_bilingual(db).pk)
    article.body_en = "New evidence was added."
    article.save()
    html = client.get("/en/articles/knee/").content.decode()
    assert "may be out of date" not in html


def test_update_notes_show_as_a_dated_changelog(client, db):
    article = _bilingual(db)
    with reversion.create_revision():
        article.body_en = "Added the 2025 trial."
        article.save()
        reversion.add_meta(UpdateNote, article=article, note_en="Added the results of a 2025 trial.")
    html = client.get("/en/articles/knee/").content.decode()
    assert "What changed" in html
    assert "Added the results of a 2025 trial." in html
