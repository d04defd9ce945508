"""Two app servers on one PostgreSQL database and one Redis, as production runs several behind
a proxy: an editor signs in through one, opens the change form through the other (sessions
are shared), saves an edit through the first, and readers of the second see the new text at
once, in every persona and language it touches (nothing either server needs lives in the
other's memory: cache and rate limits in Redis, sessions, locks and login throttles in the
database).

Runs on PostgreSQL only (the servers share the test database, committed: a transactional
test); skips on SQLite. Needs Redis on 127.0.0.1:6379 (``TEST_REDIS_URL``, default database
15; keys under a prefix of their own, removed afterwards); CI sets REQUIRE_REDIS=1 so that a
missing Redis fails there instead of skipping.
"""

import http.cookiejar
import importlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pytest
import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group, User
from django.db import connection

from articles.staff.roles import EDITORS, ensure_roles
from tests.factories import make_article
from tests.redis_helpers import skip_unless_redis

BASE_DIR = Path(settings.BASE_DIR)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PASSWORD = "two-servers-pw-for-tests-only"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two app servers share a PostgreSQL database"),
    pytest.mark.django_db(transaction=True),
]


def _database_url():
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


def _wait_until_up(base, server):
    for _ in range(300):
        if server.poll() is not None:
            raise AssertionError(f"app server {base} exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"app server {base} did not answer")


@pytest.fixture
def redis_prefix():
    skip_unless_redis()
    import redis

    prefix = f"medcms-two-servers-{uuid.uuid4().hex}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture
def two_servers(transactional_db, redis_prefix):
    """The base URLs of two gunicorn servers (one worker each) on the test database and Redis."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": redis_prefix,
        "DJANGO_ENV": "development",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    servers, bases = [], []
    try:
        for _ in range(2):
            port = _free_port()
            servers.append(subprocess.Popen(  # noqa: S603 - our own gunicorn
                [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                 "--timeout", "120"],
                cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))
            bases.append(f"http://127.0.0.1:{port}")
        for base, server in zip(bases, servers, strict=True):
            _wait_until_up(base, server)
        yield bases
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)


class FormReader(HTMLParser):
    """What a browser would submit from the form with id ``form_id``: its inputs (checked
    boxes only), text areas and selected options, and its CSRF token."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append([self._select, attrs.get("value", "")])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def form_fields(html, form_id):
    reader = FormReader(form_id)
    reader.feed(html)
    fields = [(name, value.removeprefix("\n")) for name, value in reader.fields]
    assert fields, f"no form #{form_id} in the page"
    return fields


class Browser:
    """One browser: one cookie jar for both servers (both are 127.0.0.1, as behind one proxy)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url):
        with self.opener.open(url, timeout=60) as response:
            return response.status, response.geturl(), response.read().decode()

    def post(self, url, fields):
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})  # noqa: S310 - loopback
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, url, error.read().decode()


def _errors(html):
    """The error messages of a form shown again (what the editor would read)."""
    found = re.findall(r'<(?:p class="errornote"|ul class="errorlist[^"]*")[^>]*>(.*?)</(?:p|ul)>', html, re.S)
    return " | ".join(re.sub(r"<[^>]+>", " ", item).strip() for item in found) or html[:500]


def _editor():
    ensure_roles()
    user = User.objects.create(username="two-server-editor", is_staff=True)
    # The servers run the default hashers: a PBKDF2 hash (few iterations: a test account).
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "twoserversalt", iterations=1000)
    user.save()
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def _article():
    # An earlier transactional test's flush removed the personas the data migration made.
    importlib.import_module("articles.migrations.0002_default_personas").create_personas(apps, None)
    with reversion.create_revision():
        return make_article(
            "shared-knee",
            title="Does rest help a sore knee?",
            summary="Rest helps for a few days.",
            body="## Treatment\n\nRest the knee.\n\n::: {audience=\"physician\"}\nConsider imaging after six weeks.\n:::",
            title_zh_hans="休息对膝盖疼痛有帮助吗？",
            summary_zh_hans="休息几天有帮助。",
            body_zh_hans="## 治疗\n\n让膝盖休息。",
        )


def test_an_edit_saved_through_one_server_is_read_through_the_other_at_once(two_servers):
    one, other = two_servers
    editor, article = _editor(), _article()
    reader = Browser()
    pages = {
        "patient": f"{other}/en/articles/shared-knee/?persona=patient",
        "physician": f"{other}/en/articles/shared-knee/?persona=physician",
        "chinese": f"{other}/zh-hans/articles/shared-knee/",
    }
    # The other server has served (and cached) every page before the edit.
    for url in pages.values():
        for _ in range(2):
            status, _url, html = reader.get(url)
            assert status == 200
    assert "Rest helps for a few days." in reader.get(pages["patient"])[2]
    assert "Consider imaging after six weeks." in reader.get(pages["physician"])[2]

    staff = Browser()
    _status, _url, html = staff.get(f"{one}/admin/login/")
    login = dict(form_fields(html, "login-form"))
    status, landed, _html = staff.post(
        f"{one}/admin/login/?next=/admin/",
        {**login, "username": editor.username, "password": PASSWORD, "next": "/admin/"},
    )
    assert status == 200 and landed.endswith("/admin/"), "the editor is signed in"

    # The session made by the first server is known to the second: it serves the change form.
    change = f"/admin/articles/article/{article.pk}/change/"
    status, _url, html = staff.get(f"{other}{change}")
    assert status == 200 and "Rest helps for a few days." in html
    fields = [
        (name, {"summary_en": "Rest and ice help for a few days.",
                "body_en": "## Treatment\n\nRest the knee.\n\n::: {audience=\"physician\"}\n"
                           "Consider an MRI after six weeks.\n:::",
                "summary_zh_hans": "休息和冰敷几天有帮助。"}.get(name, value))
        for name, value in form_fields(html, "article_form")
    ]
    status, landed, html = staff.post(f"{one}{change}", [*fields, ("_save", "Save")])
    assert status == 200 and landed.endswith("/admin/articles/article/"), _errors(html)

    patient = reader.get(pages["patient"])[2]
    assert "Rest and ice help for a few days." in patient
    assert "Rest helps for a few days." not in patient
    physician = reader.get(pages["physician"])[2]
    assert "Consider an MRI after six weeks." in physician
    assert "Consider imaging after six weeks." not in physician
    chinese = reader.get(pages["chinese"])[2]
    assert "休息和冰敷几天有帮助。" in chinese
    assert "休息几天有帮助。" not in chinese
    # And the first server agrees.
    assert "Rest and ice help for a few days." in reader.get(pages["patient"].replace(other, one))[2]
