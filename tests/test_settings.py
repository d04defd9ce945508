"""Settings come from the environment, with hardening switched on in production."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ENV", "SECRET_KEY", "DATABASE_URL")}
    full_env.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("import django; django.setup()", DJANGO_ENV="production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_switches_on_secure_cookies_and_hsts():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = _run(code, DJANGO_ENV="production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org")
    assert result.stdout.split() == ["False", "True", "True", "True"]


def test_database_url_selects_postgresql_through_psycopg():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    result = _run(code, DATABASE_URL="postgres://someone@db.example:5432/medcms")
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_deploy_check_warns_when_the_cache_is_not_shared_between_app_servers():
    env = {"DJANGO_ENV": "production", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org"}
    code = "import django; django.setup(); from django.core.management import call_command; call_command('check', '--deploy')"
    without = _run(code, **{**env, "CACHE_URL": ""})
    assert "medcms.W001" in without.stderr + without.stdout
    shared = _run(code, **{**env, "CACHE_URL": "redis://127.0.0.1:6379/1"})
    assert "medcms.W001" not in shared.stderr + shared.stdout


def test_the_demo_site_gives_an_example_contact_address_and_production_none_unless_set():
    code = "from django.conf import settings as s; print(repr(s.CONTACT_EMAIL))"
    env = {k: v for k, v in os.environ.items() if k == "CONTACT_EMAIL"}
    assert not env, "CONTACT_EMAIL is set in the test environment"
    assert _run(code).stdout.strip() == "'editors@example.org'"
    production = {"DJANGO_ENV": "production", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org"}
    assert _run(code, **production).stdout.strip() == "''"
    assert _run(code, **production, CONTACT_EMAIL="desk@example.net").stdout.strip() == "'desk@example.net'"
