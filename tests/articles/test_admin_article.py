"""The article admin: what an editor sees and what the server refuses."""

import re

import pytest
from django.urls import reverse

from articles.editing import locking
from articles.models import Article, Citation
from tests.factories import make_article, make_reference, make_topic

ADD_URL = reverse("admin:articles_article_add")
LIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(**overrides):
    data = {
        "slug": "new-article",
        "status": "draft",
        "title_en": "Is a new question answered?",
        "title_zh_hans": "",
        "summary_en": "Yes.",
        "summary_zh_hans": "",
        "plain_summary_en": "",
        "plain_summary_zh_hans": "",
        "body_en": "",
        "body_zh_hans": "",
        "authorships-TOTAL_FORMS": "0",
        "authorships-INITIAL_FORMS": "0",
        "authorships-MIN_NUM_FORMS": "0",
        "authorships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def errors_of(response):
    """Every error message the page shows (field errors and non-field errors)."""
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)


def test_unknown_citation_key_is_shown_with_its_line_and_the_text_is_kept(editor_client):
    body = "## Evidence\n\nFirst line.\n\nA claim [@no-such-key].\n"
    response = editor_client.post(ADD_URL, form_data(body_en=body))
    assert response.status_code == 200  # the form comes back, nothing saved
    assert not Article.objects.filter(slug="new-article").exists()
    html = response.content.decode()
    errors = " ".join(errors_of(response))
    assert "Line 5:" in errors
    assert "unknown citation key" in errors
    assert "no-such-key" in errors
    assert "A claim [@no-such-key]." in html  # the editor's text is still there
    # The error sits on the field it belongs to.
    form = response.context["adminform"].form
    assert "body_en" in form.errors
    assert "summary_en" not in form.errors


def test_problems_in_the_chinese_summary_go_to_that_field(editor_client):
    response = editor_client.post(
        ADD_URL,
        form_data(title_zh_hans="新问题？", summary_zh_hans="是的 [@missing-zh]。"),
    )
    form = response.context["adminform"].form
    assert "summary_zh_hans" in form.errors
    assert "Line 1: " in form.errors["summary_zh_hans"][0]
    assert "missing-zh" in form.errors["summary_zh_hans"][0]


def test_unknown_persona_in_an_audience_block_is_refused(editor_client):
    body = '::: {audience="astronaut"}\nHello.\n:::\n'
    response = editor_client.post(ADD_URL, form_data(body_en=body))
    form = response.context["adminform"].form
    assert "body_en" in form.errors
    assert "astronaut" in form.errors["body_en"][0]


def test_known_keys_save_and_citations_sync(editor_client):
    make_reference("known-key")
    response = editor_client.post(ADD_URL, form_data(summary_en="Yes [@known-key]."))
    assert response.status_code == 302, errors_of(response)
    article = Article.objects.get(slug="new-article")
    assert list(Citation.objects.filter(article=article).values_list("reference__key", "language", "number")) == [
        ("known-key", "en", 1)
    ]


def test_an_article_needs_one_language_with_title_and_key_answer(editor_client):
    response = editor_client.post(ADD_URL, form_data(summary_en="", title_zh_hans="只有标题？"))
    assert response.status_code == 200
    assert "at least one language version both a title" in " ".join(errors_of(response))
    assert not Article.objects.exists()


def test_editor_can_publish(editor_client):
    response = editor_client.post(ADD_URL, form_data(status="published"))
    assert response.status_code == 302
    article = Article.objects.get(slug="new-article")
    assert article.status == "published"
    assert article.published_at is not None


def test_translator_cannot_publish_by_post(client, translator):
    article = make_article("to-translate", status="draft", title="Question?", summary="Answer.")
    client.force_login(translator)
    response = client.post(
        change_url(article),
        form_data(slug="to-translate", status="published", title_en="Question?", summary_en="Answer.",
                  title_zh_hans="问题？", summary_zh_hans="答案。", base_revision=locking.token_for(article)),
    )
    assert response.status_code == 200
    assert "You may not publish or unpublish" in " ".join(errors_of(response))
    article.refresh_from_db()
    assert article.status == "draft"
    assert not article.title_zh_hans


def test_translator_cannot_unpublish_either(client, translator):
    article = make_article("live", status="published", title="Question?", summary="Answer.")
    client.force_login(translator)
    response = client.post(
        change_url(article),
        form_data(slug="live", status="draft", title_en="Question?", summary_en="Answer.",
                  base_revision=locking.token_for(article)),
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == "published"


def test_translator_can_still_edit_text_of_a_draft(client, translator):
    article = make_article("draft-text", status="draft", title="Question?", summary="Answer.")
    client.force_login(translator)
    response = client.post(
        change_url(article),
        form_data(slug="draft-text", title_en="Question?", summary_en="Answer.",
                  title_zh_hans="问题？", summary_zh_hans="答案。", base_revision=locking.token_for(article)),
    )
    assert response.status_code == 302, errors_of(response)
    article.refresh_from_db()
    assert article.title_zh_hans == "问题？"


def test_changelist_shows_citation_count_topics_and_preview_link(editor_client):
    for key in ("c1", "c2", "c3"):
        make_reference(key)
    article = make_article(
        "counted",
        summary="Answer [@c1].",
        body="Body [@c2; @c3] and again [@c1].",
        title_zh_hans="问题？",
        summary_zh_hans="答案 [@c1]。",
        topics=[make_topic("joints", name_en="Joints")],
    )
    response = editor_client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<td class="field-citation_count">3</td>' in html
    # Topics and the address are under the title (the list fits 1280 px).
    assert '<small class="article-slug">counted · Joints</small>' in html
    assert 'href="/en/articles/counted/preview/"' in html
    assert response.context["cl"].result_list[0].citation_count == 3
    assert article.slug in html


def test_changelist_search_finds_chinese_titles(editor_client):
    make_article("zh", lang="zh-hans", title="膝关节注射的剂量？")
    make_article("other", title="Something else?")
    response = editor_client.get(LIST_URL, {"q": "膝关节"})
    assert [a.slug for a in response.context["cl"].result_list] == ["zh"]


def test_change_page_loads_no_external_script_or_style(editor_client):
    article = make_article("media")
    html = editor_client.get(change_url(article)).content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources
    external = [s for s in sources if s.startswith(("http:", "https:", "//"))]
    assert external == []
    assert any("vendor/jquery-ui/jquery-ui.min.js" in s for s in sources)
    assert "tabbed_translation_fields.js" in html


def test_change_page_shows_language_tabs_and_authorship_inline(editor_client):
    article = make_article("tabs")
    html = editor_client.get(change_url(article)).content.decode()
    assert 'name="title_en"' in html
    assert 'name="title_zh_hans"' in html
    assert 'name="body_zh_hans"' in html
    assert "authorships-TOTAL_FORMS" in html


def test_history_records_a_version_on_admin_save(editor_client):
    from reversion.models import Version

    response = editor_client.post(ADD_URL, form_data())
    assert response.status_code == 302
    article = Article.objects.get(slug="new-article")
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 1
    assert versions[0].field_dict["title_en"] == "Is a new question answered?"


@pytest.mark.parametrize("name", ["topic", "author", "persona"])
def test_other_article_admins_load(editor_client, chief_editor, client, name):
    client.force_login(chief_editor)
    response = client.get(reverse(f"admin:articles_{name}_changelist"), {"q": "a"})
    assert response.status_code == 200


def test_admin_header_is_ours(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "MedCMS" in html


def test_view_on_site_goes_to_the_preview_until_published(editor_client):
    draft = make_article("draft-site", status="draft")
    live = make_article("live-site")
    draft_page = editor_client.get(change_url(draft)).content.decode()
    assert re.search(r'href="/en/articles/draft-site/preview/" class="viewsitelink"', draft_page)
    live_page = editor_client.get(change_url(live)).content.decode()
    assert re.search(r'href="/en/articles/live-site/" class="viewsitelink"', live_page)
