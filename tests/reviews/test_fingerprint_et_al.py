"""Marking a cited reference's author list incomplete changes what readers see ("et al."), so
it changes the fingerprint a sign-off holds."""

import pytest

from reviews.workflow.fingerprint import reference_state
from tests.factories import make_reference

pytestmark = pytest.mark.django_db


def test_marking_the_list_incomplete_changes_the_reference_state():
    reference = make_reference("jo-2014", authors=[{"family": "Jo", "given": "Chris"}])
    before = reference_state(reference)
    reference.authors_incomplete = True
    assert reference_state(reference) != before
    reference.authors_incomplete = False
    assert reference_state(reference) == before

