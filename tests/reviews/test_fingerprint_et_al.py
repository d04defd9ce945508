"""Marking a cited reference's author list incomplete changes what readers see ("et al."), so
it changes the fingerprint a sign-off holds; approvals of references without the mark keep
the fingerprint they had before the mark existed."""

import hashlib
import json

import pytest

from reviews.fingerprint import REFERENCE_FIELDS, reference_state
from tests.factories import make_reference

pytestmark = pytest.mark.django_db


def test_marking_the_list_incomplete_changes_the_reference_state():
    reference = make_reference("jo-2014", authors=[{"family": "Jo", "given": "Chris"}])
    before = reference_state(reference)
    reference.authors_incomplete = True
    assert reference_state(reference) != before
    reference.authors_incomplete = False
    assert reference_state(reference) == before


def test_an_unmarked_reference_keeps_the_digest_computed_before_the_mark_existed():
    reference = make_reference("jo-2014", authors=[{"family": "Jo", "given": "Chris"}])
    shown = {name: getattr(reference, name) for name in REFERENCE_FIELDS}
    old_digest = hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()
    assert reference_state(reference)[2] == old_digest
