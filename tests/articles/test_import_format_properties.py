"""Property: any article file either imports or fails with one clean line per problem (never a
traceback, nothing written), and what imports is shown to readers without running script."""

import itertools
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.hostile_input import hostile_text

_numbers = itertools.count()
yaml_scalar = st.one_of(
    hostile_text.map(lambda text: text.replace("\n", " ")),
    hostile_text.map(lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'),
    st.sampled_from(["[1, 2", "{a: [", "&anchor x", "*missing", "!!python/object:os.system ls", "|", ">-", "~", "[]"]),
)


def _article_text(slug, title, summary, body, extra):
    return f"---\nslug: {slug}\nlang: en\ntitle: {title}\nsummary: {summary}\nstatus: published\n{extra}---\n{body}\n"


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=yaml_scalar, summary=yaml_scalar, body=hostile_text, extra=st.sampled_from(["", "topics: [x\n", "references: {}\n", "authors: 3\n", "x: &a [*a]\n"]))
def test_every_article_file_imports_or_fails_cleanly(title, summary, body, extra):
    slug = f"prop-{next(_numbers)}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{slug}.en.md"
        path.write_text(_article_text(slug, title, summary, body, extra), encoding="utf-8")
        out, err = StringIO(), StringIO()
        try:
            call_command("import_article", str(path), stdout=out, stderr=err)
        except SystemExit as failed:
            assert failed.code not in (0, None)
            lines = [line for line in err.getvalue().splitlines() if line.strip()]
            assert lines and "Traceback" not in err.getvalue()
            assert all(len(line) < 2000 for line in lines)
            assert not Article.objects.filter(slug=slug).exists()  # all or nothing
            return
    page = Client().get(f"/en/articles/{slug}/").content.decode()
    for attack in ("<script>alert(1)", "onerror=alert(1)>", "<svg onload", 'href="javascript:', "<iframe"):
        assert attack not in page
