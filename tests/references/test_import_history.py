"""An import of many references is one history revision holding a version of each reference it
created or changed, and those versions restore the reference as imported."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from reversion.models import Revision, Version

from references.models import Reference

pytestmark = pytest.mark.django_db


def write(tmp_path, items):
    path = tmp_path / "library.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def test_an_import_is_one_revision_with_a_version_of_each_new_or_changed_reference(tmp_path):
    User.objects.create_user("librarian")
    items = [{"id": f"ref-{n}", "title": f"Study {n}", "volume": n} for n in range(30)]
    call_command("import_references", str(write(tmp_path, items)), stdout=StringIO())
    items[3]["title"] = "Study 3, corrected"

    call_command("import_references", str(write(tmp_path, items)), "--user", "librarian", stdout=StringIO())

    first, second = Revision.objects.order_by("pk")
    assert Version.objects.filter(revision=first).count() == 30
    assert [v.object_repr for v in Version.objects.filter(revision=second)] == ["[ref-3] Study 3, corrected"]
    assert second.user.username == "librarian"
    assert second.comment == f"Imported from {tmp_path / 'library.json'}"


def test_a_version_from_an_import_restores_the_reference(tmp_path):
    call_command("import_references", str(write(tmp_path, [{"id": "x", "title": "First", "volume": 1}])), stdout=StringIO())
    reference = Reference.objects.get(key="x")
    Reference.objects.filter(key="x").update(title="Later", csl_source={})

    Version.objects.get_for_object(reference).get().revert()

    reference.refresh_from_db()
    assert reference.title == "First"
    assert reference.csl_source == {"id": "x", "title": "First", "volume": 1}
