"""Benchmark of import_references: seconds for 10,000 CSL-JSON items, created and then re-imported.

    .venv/bin/python bench/import_references.py                 # SQLite (a throwaway file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/import_references.py
                                                                # also PostgreSQL, in test_NAME

Without DATABASE_URL it measures SQLite; with it, SQLite and then that server (in a throwaway
test database that Django creates and drops). Three imports each: a new library, the same file
again (nothing changes), and the library with every title changed (10,000 updates). Prints
wall-clock seconds, this process's CPU seconds (steadier on a busy machine) and the number of
SQL statements (a COPY counts as one); it asserts nothing.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = 10_000


def items(count):
    return [
        {
            "id": f"bench-{n}",
            "type": "article-journal",
            "title": f"A <i>Staphylococcus aureus</i> study number {n}",
            "author": [{"family": f"Family{n}", "given": "Anna"}, {"family": "Berg", "given": "Jan", "non-dropping-particle": "van"}],
            "container-title": "Journal of Examples",
            "container-title-short": "J Ex",
            "issued": {"date-parts": [[2000 + n % 25, 1 + n % 12]]},
            "volume": n % 300,
            "issue": str(n % 12),
            "page": f"{n % 900 + 100}-{n % 900 + 110}",
            "DOI": f"10.1000/bench.{n}",
            "PMID": str(10_000_000 + n),
            "abstract": "Background: " + "words " * 40,
        }
        for n in range(count)
    ]


def measure():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
        drop = None
    else:
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        drop = lambda: connection.creation.destroy_test_db(old_name, verbosity=0)  # noqa: E731
    from io import StringIO

    from django.test.utils import CaptureQueriesContext

    folder = Path(tempfile.mkdtemp(prefix="medcms-bench-"))
    library = items(COUNT)
    path = folder / "library.json"
    path.write_text(json.dumps(library, indent=2), encoding="utf-8")
    for item in library:
        item["title"] += ", revised"
    revised = folder / "revised.json"
    revised.write_text(json.dumps(library, indent=2), encoding="utf-8")
    try:
        for label, file in (
            ("new library", path),
            ("same file again (no change)", path),
            ("every title changed", revised),
        ):
            start, cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                call_command("import_references", str(file), stdout=StringIO())
            print(
                f"{connection.vendor:<10} {label:<28} {COUNT} items  {time.perf_counter() - start:6.2f} s"
                f"  (CPU of this process {time.process_time() - cpu:5.2f} s)  {len(queries):4} queries"
            )
    finally:
        if drop:
            drop()


def main():
    if os.environ.get("BENCH_CHILD"):
        measure()
        return
    sqlite = f"sqlite:///{tempfile.mkdtemp(prefix='medcms-bench-')}/bench.sqlite3"
    runs = [sqlite] + ([os.environ["DATABASE_URL"]] if os.environ.get("DATABASE_URL", "").startswith("postgres") else [])
    if len(runs) == 1:
        print("(PostgreSQL too: DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME)")
    for url in runs:
        env = {**os.environ, "DATABASE_URL": url, "BENCH_CHILD": "1"}
        subprocess.run([sys.executable, __file__], env=env, check=True)  # noqa: S603 - this script


if __name__ == "__main__":
    main()
