"""A second run of check_retractions finds nothing new and changes nothing."""

import pytest
from reversion.models import Version

from references.models import Reference
from tests.references.retraction_library import run

pytestmark = pytest.mark.django_db


def test_a_second_run_reports_nothing_new(library):
    run()
    carberry = Reference.objects.get(key="carberry2008")
    versions = Version.objects.get_for_object(carberry).count()
    output = run()
    assert "Newly retracted: 0\n" in output
    assert "New corrections and other notices: 0\n" in output
    assert "Errors: 0\n" in output
    assert Version.objects.get_for_object(carberry).count() == versions
