"""manage.py backup / restore: everything comes back, byte for byte, SQLite -> PostgreSQL ->
SQLite; refusals are one line and write nothing."""

import gzip
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.factories import make_article

BASE_DIR = Path(settings.BASE_DIR)
PG_SERVER = os.environ.get("CI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _run(database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_ENV": "development", "CACHE_URL": ""}
    result = subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _manage(database_url, *args):
    return _run(database_url, "manage.py", *args)


def _snapshot(database_url):
    return json.loads(_run(database_url, "tests/reliability/site_snapshot.py"))


@pytest.fixture
def postgres_database():
    name = f"medcms_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_SERVER, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(PG_SERVER, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="runs once, in the SQLite suite: it uses a SQLite file and a PostgreSQL database itself",
)
def test_backup_restores_every_page_history_and_export_across_databases(tmp_path, postgres_database):
    source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    _manage(source, "migrate", "--no-input")
    _manage(source, "load_demo")
    edited = tmp_path / "msc-knee-dose.en.md"
    text = (BASE_DIR / "demo" / "articles" / "msc-knee-dose.en.md").read_text(encoding="utf-8")
    edited.write_text(text + "\nA later paragraph added by an editor.\n", encoding="utf-8")
    _manage(source, "import_article", "--user", "editor", "--force", str(edited))
    _manage(source, "review", "submit", "msc-knee-dose", "--lang", "en", "--user", "editor")
    _manage(source, "review", "approve", "msc-knee-dose", "--lang", "en", "--user", "board")
    before = _snapshot(source)
    assert len(before) > 40 and any("/history/compare/" in key for key in before)

    first = tmp_path / "site-backup.json.gz"
    _manage(source, "backup", str(first))
    with gzip.open(first, "rt", encoding="utf-8") as handle:
        labels = {item["model"] for item in json.load(handle)["objects"]}
    assert {"articles.article", "reversion.version", "reviews.signoff", "auth.user", "auth.group"} <= labels

    _manage(postgres_database, "migrate", "--no-input")
    _manage(postgres_database, "restore", str(first))
    assert _snapshot(postgres_database) == before

    second = tmp_path / "site-backup-from-postgres.json"
    _manage(postgres_database, "backup", str(second))
    target = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    _manage(target, "migrate", "--no-input")
    _manage(target, "restore", str(second))
    assert _snapshot(target) == before


def test_restore_refuses_a_database_with_content(tmp_path, db):
    backup = tmp_path / "empty.json"
    call_command("backup", str(backup))
    make_article("already-here")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup))


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not a readable backup"), ('{"format": "other"}', "not a MedCMS backup"),
     ('{"format": "medcms-backup", "version": 99}', "format version 99")],
)
def test_restore_refuses_what_is_not_a_backup(tmp_path, db, content, message):
    path = tmp_path / "backup.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message) as refused:
        call_command("restore", str(path))
    assert "\n" not in str(refused.value)
