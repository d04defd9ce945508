"""Upgrading: references saved before the "et al." field with an "et al." / "others" name last
get the field instead (the name was never a person), and a history version saved before the
field still reverts."""

import pytest
import reversion
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from reversion.models import Version

from references.models import Reference

BEFORE = [("references", "0004_csl_source_rich_titles_years_bc")]
AFTER = [("references", "0005_reference_authors_incomplete")]
NAMES = [{"family": "Jo", "given": "Chris"}, {"family": "Lee", "given": "Young Gil"}]


@pytest.fixture
def before_the_field(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield MigrationExecutor(connection).loader.project_state(BEFORE).apps
    call_command("migrate", verbosity=0)  # the latest schema again for the other tests


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    return MigrationExecutor(connection).loader.project_state(AFTER).apps


def test_a_last_et_al_name_becomes_the_field(before_the_field):
    Old = before_the_field.get_model("references", "Reference")
    Old.objects.create(key="pandoc", title="A", authors=[*NAMES, {"literal": "others"}],
                       csl_source={"id": "pandoc", "author": [*NAMES, {"literal": "others"}]})
    Old.objects.create(key="zotero", title="B", authors=[*NAMES, {"literal": "et al."}])
    Old.objects.create(key="plain", title="C", authors=NAMES)
    Old.objects.create(key="alone", title="D", authors=[{"literal": "et al."}])
    New = migrate_forward().get_model("references", "Reference")
    rows = {ref.key: (ref.authors, ref.authors_incomplete) for ref in New.objects.all()}
    assert rows == {
        "pandoc": (NAMES, True),
        "zotero": (NAMES, True),
        "plain": (NAMES, False),
        "alone": ([{"literal": "et al."}], False),  # nobody named: left for an editor to see
    }
    assert New.objects.get(key="pandoc").csl_source["author"][-1] == {"literal": "others"}


def test_a_version_saved_before_the_field_reverts_with_a_complete_list(db):
    with reversion.create_revision():
        reference = Reference.objects.create(key="old", title="A", authors=NAMES)
    version = Version.objects.get_for_object(reference).get()
    data = version.serialized_data.replace(', "authors_incomplete": false', "")
    assert "authors_incomplete" not in data
    Version.objects.filter(pk=version.pk).update(serialized_data=data)
    Reference.objects.filter(pk=reference.pk).update(authors_incomplete=True)
    Version.objects.get(pk=version.pk).revert()
    reference.refresh_from_db()
    assert (reference.authors, reference.authors_incomplete) == (NAMES, False)
