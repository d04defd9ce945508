"""An approval belongs to the exact text: an edit of one language's text through the admin form
(as a browser posts it: the form's values with CRLF line endings and the lock token) makes that
language pending again; the other language and metadata-only saves keep their approval."""

import pytest
from django.urls import reverse

from references.models import Reference
from reviews.models import ReviewState
from reviews.workflow import rules as workflow
from tests.factories import make_reference, make_topic
from tests.reviews.conftest import browser_post_data, make_article_with_history


@pytest.fixture
def approved(editor, reviewer):
    return make_approved_article(editor, reviewer)


def make_approved_article(editor, reviewer):
    """A published article cited and approved in English and Chinese."""
    make_reference("knee-trial", title="A knee trial")
    article = make_article_with_history(
        editor, slug="approved", status="published",
        title="Does rest help a sore knee?", summary="Yes, for a few days [@knee-trial].",
        body="## Evidence\n\nOne trial [@knee-trial].\n\n- Rest\n- Ice\n", plain_summary="Rest helps.",
        title_zh_hans="休息对膝痛有帮助吗？", summary_zh_hans="有，休息几天 [@knee-trial]。",
        body_zh_hans="## 证据\n\n一项试验 [@knee-trial]。\n",
    )
    for lang in ("en", "zh-hans"):
        workflow.submit(article, lang, editor)
        workflow.approve(article, lang, reviewer)
    return article


def change_form(client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url)
    assert 'name="base_revision"' in page.content.decode()
    return url, page


def states(article):
    article.refresh_from_db()
    return {lang: workflow.status(article, lang).state for lang in ("en", "zh-hans")}


def test_editing_the_english_text_makes_only_english_pending(editor_client, approved):
    url, page = change_form(editor_client, approved)
    data = browser_post_data(page)
    data["body_en"] += "\r\n- Elevate the leg\r\n"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert states(approved) == {"en": ReviewState.SUBMITTED, "zh-hans": ReviewState.APPROVED}
    assert workflow.status(approved, "en").changed_since_approval


def test_a_metadata_only_save_keeps_both_approvals(editor_client, approved):
    url, page = change_form(editor_client, approved)
    data = browser_post_data(page, topics=[str(make_topic("orthopedics").pk)], slug="approved-knee-rest")
    assert "\r\n" in data["body_en"]
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    approved.refresh_from_db()
    assert approved.slug == "approved-knee-rest"
    assert states(approved) == {"en": ReviewState.APPROVED, "zh-hans": ReviewState.APPROVED}


def test_saving_the_form_unchanged_keeps_both_approvals(editor_client, approved):
    url, page = change_form(editor_client, approved)
    assert editor_client.post(url, browser_post_data(page)).status_code == 302
    assert states(approved) == {"en": ReviewState.APPROVED, "zh-hans": ReviewState.APPROVED}


def test_retracting_a_cited_reference_makes_both_languages_pending(approved):
    Reference.objects.filter(key="knee-trial").update(retracted=True)
    assert states(approved) == {"en": ReviewState.SUBMITTED, "zh-hans": ReviewState.SUBMITTED}
