"""The CSL type is chosen from the CSL 1.0.2 item types and the evidence type from ours, each
explained; a type imported from another tool stays selectable instead of being lost."""

import re

from django.urls import reverse

from references.csl_types import CSL_TYPE_NAMES
from tests.factories import make_reference

ADD_URL = reverse("admin:references_reference_add")


def options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_csl_type_is_a_choice_of_the_csl_1_0_2_types(editor_client):
    html = editor_client.get(ADD_URL).content.decode()
    choices = options(html, "csl_type")
    assert set(choices) == CSL_TYPE_NAMES
    assert len(choices) == 45
    assert '<option value="article-journal" selected>Journal article (article-journal)</option>' in html
    assert "Web page (webpage)" in html


def test_a_type_that_is_not_csl_1_0_2_is_refused(editor_client):
    response = editor_client.post(
        ADD_URL, {"key": "odd", "csl_type": "journal-article", "evidence": "other", "title": "T",
                  "authors": "[]", "csl_extra": "{}"}
    )
    assert response.status_code == 200
    assert "Select a valid choice. journal-article is not one of the available choices." in response.content.decode()


def test_an_imported_type_from_another_tool_stays_selected(editor_client):
    reference = make_reference("preprint-2025", csl_type="preprint")
    html = editor_client.get(reverse("admin:references_reference_change", args=[reference.pk])).content.decode()
    assert '<option value="preprint" selected>preprint (not a CSL 1.0.2 type)</option>' in html


def test_the_evidence_type_is_a_choice_explained_in_the_help_text(editor_client):
    html = editor_client.get(ADD_URL).content.decode()
    assert options(html, "evidence") == [
        "guideline", "systematic-review", "rct", "cohort", "case-control", "case-series", "expert-opinion", "other",
    ]
    assert "<strong>Randomized controlled trial</strong>: A trial in which participants were assigned" in html
    assert "<strong>Case series</strong>: Reports of one or a few patients" in html
