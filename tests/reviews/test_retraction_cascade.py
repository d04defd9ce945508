"""Marking a reference retracted (in the admin, or by import_references with
``retracted: true``) sends every approved language version citing it back to pending, records
why in the review's timeline, emails the board, and the article page marks the reference
"Retracted". Versions not citing it keep their approval."""

import io
import json

import pytest
from django.core import mail
from django.core.management import call_command

from references.models import Reference
from reviews.models import Review, ReviewEvent, ReviewState
from reviews.workflow import rules as workflow
from tests.factories import make_reference
from tests.reviews.conftest import browser_post_data, make_article_with_history


@pytest.fixture
def cited(db):
    return make_reference("ice-trial", title="Ice after knee surgery: a randomised trial",
                          csl_extra={"note": "Retraction notice: data fabricated (2025)."})


@pytest.fixture
def approved(editor, reviewer, cited):
    """A published imported-like article citing the reference in English only, approved in
    both languages, and another article not citing it, approved too."""
    article = make_article_with_history(
        editor, slug="ice", title="Does ice help?", summary="A little [@ice-trial].",
        body="Ice eases pain for a day [@ice-trial].",
        title_zh_hans="冰敷有用吗？", summary_zh_hans="有一点。",
    )
    other = make_article_with_history(editor, slug="rest", title="Does rest help?", summary="Yes.")
    for item, lang in ((article, "en"), (article, "zh-hans"), (other, "en")):
        workflow.submit(item, lang, editor)
        workflow.approve(item, lang, reviewer)
    reviewer.email = "reviewer@example.org"
    reviewer.save()
    mail.outbox.clear()
    return article


def assert_sent_back(article, user=None):
    english = Review.objects.get(article=article, language="en")
    assert english.state == ReviewState.SUBMITTED
    assert workflow.status(article, "en").state == ReviewState.SUBMITTED
    event = english.events.last()
    assert event.action == ReviewEvent.Action.REFERENCE_RETRACTED
    assert (event.from_state, event.to_state) == ("approved", "submitted")
    assert event.comment == "Reference ice-trial was marked retracted: Retraction notice: data fabricated (2025)."
    assert event.user == user
    # The Chinese text does not cite it; the other article does not either.
    assert workflow.status(article, "zh-hans").state == ReviewState.APPROVED
    assert Review.objects.get(article__slug="rest").state == ReviewState.APPROVED


def test_marking_retracted_in_the_admin_sends_citing_versions_back(
    client, editor, approved, cited, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = f"/admin/references/reference/{cited.pk}/change/"
    form = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, browser_post_data(form, retracted="on"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert_sent_back(approved, user=editor)
    assert [m.to for m in mail.outbox] == [["reviewer@example.org"]]
    assert "Reference ice-trial was marked retracted" in mail.outbox[0].body

    page = client.get("/en/articles/ice/").content.decode()
    assert '<strong class="retracted">Retracted</strong>' in page
    assert "Medically reviewed by" not in page


def test_import_references_with_retracted_true_sends_citing_versions_back(tmp_path, approved, cited):
    library = tmp_path / "library.json"
    library.write_text(json.dumps([{
        "id": "ice-trial", "type": "article-journal", "title": "Ice after knee surgery: a randomised trial",
        "author": [{"family": "Smith", "given": "Anna"}], "container-title": "Journal of Examples",
        "issued": {"date-parts": [[2024]]}, "evidence": "rct", "retracted": True,
        "note": "Retraction notice: data fabricated (2025).",
    }]), encoding="utf-8")
    call_command("import_references", str(library), stdout=io.StringIO())
    cited.refresh_from_db()
    assert cited.retracted
    assert_sent_back(approved)


def test_an_import_changing_many_references_sends_back_only_what_cites_the_newly_retracted_one(
    tmp_path, approved, cited
):
    """The other references of the import are written in bulk; the one turning retracted is
    still heard of by the cascade, once."""
    others = [
        {"id": f"other-{n}", "type": "article-journal", "title": f"Other study {n}", "evidence": "cohort"}
        for n in range(40)
    ]
    first = tmp_path / "first.json"
    first.write_text(json.dumps(others), encoding="utf-8")
    call_command("import_references", str(first), stdout=io.StringIO())
    for item in others:
        item["title"] += ", corrected"
    library = tmp_path / "library.json"
    library.write_text(json.dumps(others + [{
        "id": "ice-trial", "type": "article-journal", "title": "Ice after knee surgery: a randomised trial",
        "author": [{"family": "Smith", "given": "Anna"}], "container-title": "Journal of Examples",
        "issued": {"date-parts": [[2024]]}, "evidence": "rct", "retracted": True,
        "note": "Retraction notice: data fabricated (2025).",
    }]), encoding="utf-8")

    call_command("import_references", str(library), stdout=io.StringIO())

    assert_sent_back(approved)
    assert ReviewEvent.objects.filter(action=ReviewEvent.Action.REFERENCE_RETRACTED).count() == 1
    assert Reference.objects.filter(title__endswith=", corrected").count() == 40


def test_saving_an_already_retracted_reference_again_records_nothing_new(approved, cited):
    cited.retracted = True
    cited.save()
    events = ReviewEvent.objects.count()
    cited.title = "Ice after knee surgery: a randomised trial (retracted)"
    cited.save()
    assert ReviewEvent.objects.count() == events


def test_a_sent_back_version_can_be_approved_again_after_review(approved, cited, second_reviewer):
    cited.retracted = True
    cited.save()
    workflow.approve(approved, "en", second_reviewer, "Retracted trial removed from the conclusions? Acceptable.")
    assert workflow.status(approved, "en").state == ReviewState.APPROVED
