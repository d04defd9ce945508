"""The stored live fingerprint of a review follows every change of what readers see: an edit
of the text, of a cited reference (saved, or updated by a reference import), a revert to an
older revision. The review queue sorts versions by it, so an approved text edited since is
waiting again there at once."""

import json
from io import StringIO

from django.core.management import call_command
from reversion.models import Version

from reviews.models import Review
from reviews.workflow import rules as workflow
from reviews.workflow.fingerprint import article_fingerprint
from tests.factories import make_reference
from tests.reviews.conftest import make_article_with_history, make_board_member, save_as


def live(article, lang="en"):
    return Review.objects.get(article=article, language=lang).live_fingerprint


def approved_article(editor, approver, key="live-ref"):
    make_reference(key, title="Original title")
    article = make_article_with_history(editor, slug="live", summary=f"Yes [@{key}].")
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", approver)
    return article


def test_a_new_review_stores_the_fingerprint_of_the_text(db, editor):
    article = make_article_with_history(editor, slug="live")
    workflow.submit(article, "en", editor)
    assert live(article) == article_fingerprint(article, "en") != ""


def test_an_edit_of_the_text_moves_the_live_fingerprint(db, editor):
    approver = make_board_member("approver")
    article = approved_article(editor, approver)
    approved = Review.objects.get(article=article, language="en").approved_fingerprint
    assert live(article) == approved
    save_as(editor, article, summary_en="No [@live-ref].")
    assert live(article) == article_fingerprint(article, "en") != approved


def test_a_saved_change_of_a_cited_reference_moves_it(db, editor):
    approver = make_board_member("approver")
    article = approved_article(editor, approver)
    before = live(article)
    reference = article.citations.get().reference
    reference.title = "Corrected title"
    reference.save()
    assert live(article) == article_fingerprint(article, "en") != before


def test_a_reference_import_that_changes_a_cited_reference_moves_it(db, editor, tmp_path):
    approver = make_board_member("approver")
    article = approved_article(editor, approver)
    before = live(article)
    path = tmp_path / "library.json"
    path.write_text(json.dumps([{"id": "live-ref", "type": "article-journal", "title": "Imported title"}]))
    call_command("import_references", str(path), stdout=StringIO())
    assert live(article) == article_fingerprint(article, "en") != before


def test_a_revert_to_the_approved_revision_makes_it_approved_again(db, editor):
    approver = make_board_member("approver")
    article = approved_article(editor, approver)
    approved = Review.objects.get(article=article, language="en").approved_fingerprint
    first = Version.objects.get_for_object(article).last()
    save_as(editor, article, summary_en="No [@live-ref].")
    first.revision.revert(delete=True)
    assert live(article) == approved
    queued = Review.objects.with_current_state().get(article=article, language="en")
    assert queued.current_state == "approved"


def test_the_queue_lists_an_edited_approved_version_as_waiting(client, db, editor):
    approver = make_board_member("approver")
    article = approved_article(editor, approver)
    client.force_login(editor)
    rows = client.get("/admin/reviews/reviewqueue/?tab=waiting").context["rows"]
    assert rows == []
    save_as(editor, article, summary_en="No [@live-ref].")
    rows = client.get("/admin/reviews/reviewqueue/?tab=waiting").context["rows"]
    assert [(row.review.article.slug, row.state) for row in rows] == [("live", "submitted")]
