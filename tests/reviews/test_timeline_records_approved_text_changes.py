"""The review timeline says when an approved text stopped being the approved one (an edit)
and when it became it again (a revert to the approved revision), and who saved it."""

import re

import pytest
from django.urls import reverse
from reversion.models import Version

from references.models import Reference
from reviews.models import Review, ReviewEvent
from tests.articles.test_concurrent_edit import form_data_from
from tests.reviews.conftest import browser_post_data
from tests.reviews.test_approval_invalidation import change_form, make_approved_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(editor, reviewer):
    return make_approved_article(editor, reviewer)


def timeline_rows(client, article, lang):
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    section = re.search(rf'data-language="{lang}">(.*?)</div>', html, re.S).group(1)
    rows = re.findall(r'<tr class="review-event[^"]*">(.*?)</tr>', section, re.S)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows]


def edit_english_body(client, article):
    url, page = change_form(client, article)
    data = browser_post_data(page)
    data["body_en"] += "\r\n- Elevate the leg\r\n"
    assert client.post(url, data).status_code == 302


def test_an_edit_of_approved_text_is_on_the_timeline_with_the_editor(editor_client, approved):
    edit_english_body(editor_client, approved)

    last = timeline_rows(editor_client, approved, "en")[-1]
    assert last[1] == "editor"
    assert last[2] == "Approved text changed (Approved → Submitted)"
    assert timeline_rows(editor_client, approved, "zh-hans")[-1][2].startswith("Approved (")  # untouched


def test_a_second_edit_adds_no_second_event(editor_client, approved):
    edit_english_body(editor_client, approved)
    edit_english_body(editor_client, approved)
    review = Review.objects.get(article=approved, language="en")
    assert review.events.filter(action=ReviewEvent.Action.APPROVED_TEXT_CHANGED).count() == 1


def test_reverting_to_the_approved_revision_is_on_the_timeline(editor_client, approved):
    approved_version = Version.objects.get_for_object(approved).first()
    edit_english_body(editor_client, approved)
    url = reverse("admin:articles_article_revision", args=[approved.pk, approved_version.pk])
    assert editor_client.post(url, form_data_from(editor_client.get(url))).status_code == 302

    rows = timeline_rows(editor_client, approved, "en")
    assert [row[2] for row in rows[-2:]] == [
        "Approved text changed (Approved → Submitted)",
        "Approved text back (Submitted → Approved)",
    ]
    assert "English: Approved" in editor_client.get(reverse("admin:articles_article_change", args=[approved.pk])).content.decode()


def test_a_metadata_only_save_adds_no_event(editor_client, approved):
    url, page = change_form(editor_client, approved)
    before = ReviewEvent.objects.count()
    assert editor_client.post(url, browser_post_data(page, slug="approved-knee-rest")).status_code == 302
    assert ReviewEvent.objects.count() == before


def test_a_changed_cited_reference_is_on_the_timeline_of_both_languages(chief_editor, approved):
    reference = Reference.objects.get(key="knee-trial")
    reference.title = "A knee trial, corrected"
    reference.save()
    for lang in ("en", "zh-hans"):
        review = Review.objects.get(article=approved, language=lang)
        assert review.events.last().action == ReviewEvent.Action.APPROVED_TEXT_CHANGED
