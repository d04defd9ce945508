"""The review queue's "Submitted" column says what last sent a text to the board: after an
approved text was edited, that edit (when and by whom), not the submission it was approved from."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from reviews.models import Review
from tests.articles.test_concurrent_edit import form_data_from
from tests.reviews.test_approval_invalidation import make_approved_article
from tests.reviews.test_timeline_records_approved_text_changes import edit_english_body

pytestmark = pytest.mark.django_db


def submitted_cell(client, tab, lang="en"):
    html = client.get(f"/admin/reviews/reviewqueue/?tab={tab}").content.decode()
    row = re.search(rf'data-article="approved" data-language="{lang}">(.*?)</tr>', html, re.S)
    assert row, f"no row in {tab}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    return re.sub(r"<[^>]+>", " ", cells[2]).split()


@pytest.fixture
def approved(editor, reviewer):
    return make_approved_article(editor, reviewer)


def test_an_edited_approved_text_waits_with_its_edit_named(client, editor_client, chief_editor, approved):
    edit_english_body(editor_client, approved)
    client.force_login(chief_editor)

    cell = " ".join(submitted_cell(client, "waiting"))
    assert "editor" in cell and cell.endswith("Approved text changed")


def test_an_edit_undone_by_a_revert_no_longer_counts(client, editor_client, chief_editor, approved):
    approved_version = Version.objects.get_for_object(approved).first()
    edit_english_body(editor_client, approved)
    url = reverse("admin:articles_article_revision", args=[approved.pk, approved_version.pk])
    assert editor_client.post(url, form_data_from(editor_client.get(url))).status_code == 302
    # Approved again, and due: listed under "Overdue or due soon" with the submission it was approved from.
    Review.objects.filter(article=approved).update(next_review_due=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(chief_editor)

    for lang in ("en", "zh-hans"):
        cell = " ".join(submitted_cell(client, "overdue", lang))
        assert "editor" in cell and "Approved text changed" not in cell
