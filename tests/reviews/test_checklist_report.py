"""The chief medical editor's report lists the published language versions failing a trust
checklist item, paginated; nobody else may open it."""

import datetime

import pytest
from django.urls import reverse

from reviews.queue.views import REPORT_PAGE_SIZE
from tests.factories import make_article, make_author, make_reference

URL = reverse("review_admin:checklist_report")


@pytest.fixture
def articles(db):
    make_reference("ice")
    author = make_author("Dr Ada Lane", credentials_en="MD", disclosure_en="None declared.")
    make_article("complete", summary="Yes [@ice].", body="Yes [@ice].", authors=[author],
                 literature_reviewed_through=datetime.date(2025, 1, 1))
    make_article("no-author", summary="Yes [@ice].", body="Yes [@ice].",
                 literature_reviewed_through=datetime.date(2025, 1, 1))
    make_article("draft-no-author", status="draft")


def test_chief_editor_sees_published_versions_failing_an_item(client, chief_editor, articles):
    client.force_login(chief_editor)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert ">no-author</a>" in page
    assert "The article names no author." in page
    assert ">complete</a>" not in page
    assert "draft-no-author" not in page


def test_the_report_is_paginated(client, chief_editor, db):
    for number in range(REPORT_PAGE_SIZE + 2):
        make_article(f"bare-{number:02d}")
    client.force_login(chief_editor)
    first = client.get(URL).content.decode()
    assert f"{REPORT_PAGE_SIZE + 2} published language versions fail at least one item." in first
    assert ">bare-00</a>" in first and ">bare-26</a>" not in first
    second = client.get(URL, {"page": 2}).content.decode()
    assert ">bare-26</a>" in second and ">bare-00</a>" not in second


@pytest.mark.parametrize("role", ["editor", "board_member", "translator"])
def test_other_roles_are_refused(client, role, request, articles):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, articles):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
