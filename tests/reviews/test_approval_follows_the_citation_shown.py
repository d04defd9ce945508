"""An approval covers the references as readers see them in the reference list: editing in the
admin a CSL variable the citation shows (the date cited of a source read online, the journal
abbreviation) makes the approved language version pending and brings the caution back, as
editing the title does; editing what the citation does not show (abstract, note, the date
cited of a source shown without its web address, the item as imported) keeps the approval."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from references.models import Reference
from reviews.models import ReviewState
from reviews.workflow import rules as workflow
from tests.factories import make_reference
from tests.references.admin_forms import form_data
from tests.reviews.conftest import make_article_with_history

PAGE = "/en/articles/nursing-online/"
CAUTION = "Changed since its last medical review"


@pytest.fixture
def approved(editor, reviewer):
    make_reference(
        "ajn-online", title="Pain management in older adults", authors=[{"family": "Lee", "given": "Ann"}],
        container_title="American Journal of Nursing", issued_year=2002, issued_month=6, volume="102",
        issue="6", pages="284-287", url="https://www.nursingworld.org/ajn/2002/june/pain",
        csl_extra={"container-title-short": "Am J Nurs", "accessed": {"date-parts": [[2002, 8, 12]]},
                   "abstract": "Background: pain is common.", "note": "Funded by the nursing council."},
    )
    make_reference(
        "print-trial", title="A trial in print", container_title="Journal of Examples", issued_year=2020,
        csl_extra={"accessed": {"date-parts": [[2021, 1, 2]]}},
    )
    article = make_article_with_history(
        editor, slug="nursing-online", status="published", title="Does pain in older adults need treatment?",
        summary="Yes [@ajn-online].", body="## Evidence\n\nTwo studies [@ajn-online; @print-trial].\n",
    )
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", reviewer)
    return article


def edit_csl_extra(client, key, change):
    """Change the reference's "other CSL fields" in its admin form, as a browser posts it."""
    url = reverse("admin:references_reference_change", args=[Reference.objects.get(key=key).pk])
    data = form_data(client, url)
    extra = json.loads(data["csl_extra"])
    change(extra)
    data["csl_extra"] = json.dumps(extra)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def state(article):
    article.refresh_from_db()
    return workflow.status(article, "en").state


def reader_page():
    response = Client().get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


def test_the_approved_page_shows_the_citation_and_who_reviewed_it(approved):
    html = reader_page()
    assert "Am J Nurs [Internet]. 2002 Jun [cited 2002 Aug 12];102(6):284-7." in html
    assert "Medically reviewed by" in html and CAUTION not in html


def test_editing_the_date_cited_makes_the_approval_pending(editor_client, approved):
    edit_csl_extra(editor_client, "ajn-online", lambda extra: extra.update(accessed={"date-parts": [[2025, 1, 10]]}))

    assert state(approved) == ReviewState.SUBMITTED
    html = reader_page()
    assert "[cited 2025 Jan 10]" in html
    assert CAUTION in html and "Medically reviewed by" not in html


def test_editing_the_journal_abbreviation_makes_the_approval_pending(editor_client, approved):
    edit_csl_extra(editor_client, "ajn-online", lambda extra: extra.update({"container-title-short": "Amer J Nursing"}))

    assert state(approved) == ReviewState.SUBMITTED
    html = reader_page()
    assert "Amer J Nursing [Internet]." in html
    assert CAUTION in html and "Medically reviewed by" not in html


@pytest.mark.parametrize(
    ("key", "change"),
    [
        ("ajn-online", lambda extra: extra.update(abstract="Background: pain is common and undertreated.")),
        ("ajn-online", lambda extra: extra.update(note="Funded by the national nursing council.")),
        ("print-trial", lambda extra: extra.update(accessed={"date-parts": [[2024, 5, 6]]})),
    ],
    ids=["abstract", "note", "date cited of a source shown without its web address"],
)
def test_editing_what_the_citation_does_not_show_keeps_the_approval(editor_client, approved, key, change):
    edit_csl_extra(editor_client, key, change)

    assert state(approved) == ReviewState.APPROVED
    html = reader_page()
    assert "Medically reviewed by" in html and CAUTION not in html


def test_the_item_as_imported_is_not_part_of_what_was_approved(approved):
    Reference.objects.filter(key="ajn-online").update(csl_source={"id": "ajn-online", "title": "As exported by Zotero"})

    assert state(approved) == ReviewState.APPROVED
    assert "Medically reviewed by" in reader_page()
