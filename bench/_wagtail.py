"""The Wagtail comparison site of the benchmark of record (bench/wagtail/, `served.py --wagtail`).

Its own virtualenv (var/bench/wagtail-venv, from bench/wagtail/requirements.txt, made again
when that file changes), its own PostgreSQL database (BENCH_WAGTAIL_DATABASE_URL, default
`bench_wagtail`) filled from the MedCMS data set by `manage.py build_library` (reused while it
holds a page for every article language of that data set), served by gunicorn like MedCMS.
"""

import hashlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "bench" / "wagtail"
VENV = ROOT / "var" / "bench" / "wagtail-venv"
REQUIREMENTS = SITE / "requirements.txt"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_wagtail"
ARTICLE_LANGUAGES = (  # pages the Wagtail site holds for a MedCMS data set: one per article language
    "SELECT count(*) FILTER (WHERE title_en <> '') + count(*) FILTER (WHERE coalesce(title_zh_hans, '') <> '') "
    "FROM articles_article WHERE slug LIKE 'bench-%' AND slug <> 'bench-history'"
)


class Unavailable(Exception):
    """The Wagtail site cannot be had here (no network for its packages, ...): one line why."""


def _run(command, **kwargs):
    try:
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)  # noqa: S603
    except subprocess.CalledProcessError as error:
        last = (error.stderr or error.stdout or "").strip().splitlines()[-1:] or ["no output"]
        raise Unavailable(f"{' '.join(str(c) for c in command[:4])} failed: {last[0]}") from error
    except (OSError, subprocess.TimeoutExpired) as error:
        raise Unavailable(str(error)) from error


def venv_python():
    """The virtualenv's python, created and installed when missing or out of date."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements-sha256"
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == digest:
        return python
    print("  creating the Wagtail virtualenv (var/bench/wagtail-venv)", flush=True)
    _run([sys.executable, "-m", "venv", "--clear", str(VENV)])
    _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(REQUIREMENTS)],
         timeout=900)
    stamp.write_text(digest)
    return python


def environment(database):
    env = {key: value for key, value in os.environ.items()
           if key not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ENV", "DEBUG", "CACHE_URL", "PYTHONPATH")}
    return {**env, "DJANGO_SETTINGS_MODULE": "wagtailbench.settings", "DATABASE_URL": database,
            "SECRET_KEY": secrets.token_urlsafe(48), "ALLOWED_HOSTS": "127.0.0.1"}


def _count(url, query):
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            return connection.execute(query).fetchone()[0]
    except (psycopg.errors.UndefinedTable, psycopg.OperationalError):
        return None


def prepare(source, database, *, rebuild=False):
    """(python, env, seconds spent building or None when reused) of a site ready to serve."""
    from _setup import ensure_database

    python = venv_python()
    env = environment(database)
    manage = [str(python), str(SITE / "manage.py")]
    wanted = _count(source, ARTICLE_LANGUAGES)
    ensure_database(database)
    built = _count(database, "SELECT count(*) FROM library_articlepage")
    seconds = None
    if rebuild or not wanted or built != wanted:
        import time

        import psycopg

        server, name = database.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        start = time.perf_counter()
        _run([*manage, "migrate", "--no-input"], cwd=SITE, env=env)
        print(f"  Wagtail site migrated in {time.perf_counter() - start:.0f} s", flush=True)
        output = _run([*manage, "build_library", "--source", source], cwd=SITE, env=env).stdout
        print("\n".join(f"  {line}" for line in output.strip("\n").splitlines()), flush=True)
        seconds = time.perf_counter() - start
    else:
        _run([*manage, "migrate", "--no-input"], cwd=SITE, env=env)
    _run([*manage, "collectstatic", "--no-input"], cwd=SITE, env=env)
    return python, env, seconds


def start(python, env, port, workers, stderr):
    return subprocess.Popen(  # noqa: S603 - our own gunicorn
        [str(python), "-m", "gunicorn", "wagtailbench.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "sync", "--timeout", "900", "--access-logfile", "/dev/null"],
        cwd=SITE, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
    )


QUERY_COUNTER = """
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
counts = {}
for name, path in json.loads(sys.stdin.read()):
    client = Client()
    client.get(path)  # Wagtail caches its site root paths: count a request after the first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    counts[name] = [len(queries), response.status_code]
print("QUERIES " + json.dumps(counts))
"""


def count_queries(python, env, pages):
    """{name: [queries, status]} of one request to each (name, path), in-process like MedCMS's."""
    import json

    result = subprocess.run(  # noqa: S603 - our own manage.py
        [str(python), str(SITE / "manage.py"), "shell", "-c", QUERY_COUNTER], cwd=SITE,
        env={**env, "ALLOWED_HOSTS": env["ALLOWED_HOSTS"] + ",testserver"}, input=json.dumps(pages),
        capture_output=True, text=True, check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("QUERIES "))
    return json.loads(line[len("QUERIES "):])


def version(python):
    try:
        return _run([str(python), "-c", "import wagtail; print(wagtail.__version__)"]).stdout.strip()
    except Unavailable:
        return "?"
