"""A version of a reference saved before the retraction fields existed (migration 0003)
still reverts: the fields it does not know take their defaults."""

import json

import reversion
from reversion.models import Version

from tests.factories import make_reference


def test_a_version_without_the_retraction_fields_reverts(db):
    with reversion.create_revision():
        reference = make_reference("old-one", title="The title back then")
    version = Version.objects.get_for_object(reference).get()
    data = json.loads(version.serialized_data)
    for name in ("retracted_on", "retraction_notice_doi", "retraction_source", "correction_notices"):
        del data[0]["fields"][name]
    version.serialized_data = json.dumps(data)
    version.save()

    reference.title = "A later title"
    reference.retracted = True
    reference.retraction_notice_doi = "10.1000/notice"
    reference.save()
    Version.objects.get_for_object(reference).get().revision.revert()
    reference.refresh_from_db()
    assert reference.title == "The title back then"
    assert reference.retraction_notice_doi == "" and reference.correction_notices == []
    assert reference.retracted is False
