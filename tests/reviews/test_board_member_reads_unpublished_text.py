"""Board members open everything they review, read-only: the preview of a draft as each
persona and language, the history, compare and revision previews of drafts and of a published
imported article; they are offered no revert, and a forged revert is refused with nothing written."""

import pytest
from reversion.models import Revision, Version

from articles.models import Article
from articles.public.personas import all_personas
from tests.articles.imported_article import import_bilingual_article
from tests.reviews.conftest import make_article_with_history, save_as


@pytest.fixture
def draft(editor):
    article = make_article_with_history(editor, slug="unfinished", status="draft", title="Is rest enough?",
                                        summary="Mostly.", title_zh_hans="休息就够了吗？", summary_zh_hans="大多如此。")
    return save_as(editor, article, summary_en="Mostly, for a week.")


@pytest.fixture
def imported(tmp_path, editor):
    article = import_bilingual_article(tmp_path, "editor")
    return save_as(editor, article, summary_en="Two injections of 1.0×10^8 cells [@msc-dose-2025].")


def versions(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


def test_board_member_previews_a_draft_as_each_persona_and_language(client, board_member, draft):
    client.force_login(board_member)
    for lang, text in (("en", "Mostly, for a week."), ("zh-hans", "大多如此。")):
        for persona in all_personas():
            response = client.get(f"/{lang}/articles/unfinished/preview/?persona={persona.code}")
            assert response.status_code == 200, (lang, persona.code)
            assert text in response.content.decode()


@pytest.mark.parametrize("which", ["draft", "imported"])
def test_board_member_opens_history_compare_and_revision_previews(client, request, board_member, which):
    article = request.getfixturevalue(which)
    old, new = versions(article)[0], versions(article)[-1]
    client.force_login(board_member)
    base = f"/admin/articles/article/{article.pk}/history/"
    assert client.get(base).status_code == 200
    compare = client.get(f"{base}compare/?a={old.pk}&b={new.pk}")
    assert compare.status_code == 200 and compare.context["rows"]
    for lang in ("en", "zh-hans"):
        assert client.get(f"{base}{old.pk}/preview/?lang={lang}&persona=physician").status_code == 200
    assert client.get(f"/en/articles/{article.slug}/preview/").status_code == 200


@pytest.mark.parametrize("which", ["draft", "imported"])
def test_board_member_cannot_revert(client, request, board_member, which):
    article = request.getfixturevalue(which)
    old = versions(article)[0]
    client.force_login(board_member)
    history = client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert f'href="/admin/articles/article/{article.pk}/history/{old.pk}/"' not in history
    before = (Article.objects.get(pk=article.pk).summary_en, Revision.objects.count())
    revert_url = f"/admin/articles/article/{article.pk}/history/{old.pk}/"
    for response in (client.get(revert_url), client.post(revert_url, {"summary_en": "Forged."})):
        assert response.status_code == 302
        assert response["Location"] == f"/admin/articles/article/{article.pk}/history/"
    followed = client.post(revert_url, {"summary_en": "Forged."}, follow=True)
    assert "not restore one of its revisions" in followed.content.decode()
    assert (Article.objects.get(pk=article.pk).summary_en, Revision.objects.count()) == before


def test_board_member_cannot_save_the_change_form(client, board_member, draft):
    client.force_login(board_member)
    response = client.post(f"/admin/articles/article/{draft.pk}/change/", {"summary_en": "Forged."})
    assert response.status_code == 403
    assert Article.objects.get(pk=draft.pk).summary_en == "Mostly, for a week."
