"""Property: any CSL-JSON library either imports or fails with one clean line per problem
(never a traceback, nothing written), and what imports is formatted without running script."""

import json
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from references.formatting import vancouver_html
from references.models import Reference
from tests.hostile_input import hostile_text, scripts_in

value = st.one_of(hostile_text, st.integers(-10**6, 10**6), st.none(), st.booleans(), st.lists(hostile_text, max_size=3))
names = st.lists(
    st.fixed_dictionaries({}, optional={"family": value, "given": value, "literal": value}), max_size=4
)
item = st.fixed_dictionaries(
    {"id": st.one_of(hostile_text, st.sampled_from(["smith2020", "张2020", "a<b>c"]))},
    optional={
        "type": st.one_of(st.sampled_from(["article-journal", "book", "webpage", "report"]), hostile_text),
        "title": value, "container-title": value, "DOI": value, "PMID": value, "URL": value,
        "author": st.one_of(names, value), "page": value, "volume": value,
        "issued": st.one_of(st.fixed_dictionaries({"date-parts": st.lists(st.lists(value, max_size=3), max_size=2)}), value),
        "evidence": st.one_of(st.sampled_from(["rct", "cohort", "guideline"]), value),
    },
)


@pytest.mark.django_db
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(items=st.one_of(st.lists(item, max_size=4), item))
def test_every_library_imports_or_fails_cleanly(items):
    before = Reference.objects.count()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.json"
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        err = StringIO()
        try:
            call_command("import_references", str(path), stdout=StringIO(), stderr=err)
        except SystemExit as failed:
            assert failed.code not in (0, None)
            lines = [line for line in err.getvalue().splitlines() if line.strip()]
            assert lines and "Traceback" not in err.getvalue()
            assert Reference.objects.count() == before  # all or nothing
            return
    for reference in Reference.objects.all():
        assert scripts_in(str(vancouver_html(reference))) == []
