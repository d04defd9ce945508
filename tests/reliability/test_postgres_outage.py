"""A real PostgreSQL outage, on a second cluster this test starts on its own port and stops
(never the shared server): readers get the styled 503 with Retry-After in their language,
the load balancer's probes say so, and the site recovers by itself when the database returns.

The site runs as production runs it (gunicorn, DEBUG off) in a subprocess against that cluster.
"""

import contextlib
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
pytestmark = pytest.mark.skipif(
    not PG_BIN or os.geteuid() != 0 or shutil.which("runuser") is None,
    reason="needs PostgreSQL's server binaries and root (to run them as the postgres user)",
)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(*args):
    subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True, timeout=120)


class Cluster:
    def __init__(self, root):
        self.data = root / "data"
        self.port = _free_port()
        root.mkdir(parents=True, exist_ok=True)
        shutil.chown(root, "postgres", "postgres")
        root.parent.chmod(0o755)
        bin_dir = PG_BIN[-1]
        self.pg_ctl = f"{bin_dir}/pg_ctl"
        _as_postgres(f"{bin_dir}/initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.options = f"-p {self.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.log = root / "server.log"

    def start(self):
        _as_postgres(self.pg_ctl, "-D", str(self.data), "-o", self.options, "-l", str(self.log), "-w", "start")

    def stop(self):
        _as_postgres(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


def _get(url):
    """(status, headers, body) without raising on 4xx/5xx."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - loopback only
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def cluster_dir():
    # Not under pytest's tmp_path: the postgres user cannot enter root's private directories.
    path = Path(tempfile.mkdtemp(prefix="medcms-outage-"))
    yield path / "pg"
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def site(cluster_dir):
    cluster = Cluster(cluster_dir)
    cluster.start()
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "DJANGO_ENV": "development",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_URL": "",
    }
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input"], env=env, check=True, capture_output=True, timeout=300)
    demo = BASE_DIR / "demo" / "articles"
    subprocess.run(
        [*manage, "import_article", str(demo / "msc-knee-dose.en.md"), str(demo / "msc-knee-dose.zh-hans.md")],
        env=env, check=True, capture_output=True, timeout=120,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield base, cluster
    finally:
        server.terminate()
        server.wait(timeout=30)
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.stop()


def test_outage_gives_styled_503_and_the_site_recovers_by_itself(site):
    base, cluster = site
    article = f"{base}/en/articles/msc-knee-dose/"
    assert _get(article)[0] == 200
    assert _get(f"{base}/readyz")[0] == 200

    cluster.stop()
    # A page readers have opened before is still served from the response cache, without the
    # database; a page that must be built needs it, and gets the styled 503.
    status, headers, _body = _get(article)
    assert status == 200 and headers["X-Response-Cache"] == "hit"
    status, headers, body = _get(f"{article}?persona=physician")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert '<html lang="en">' in body and "/static/css/site.css" in body
    assert "The site is busy for a moment" in body
    status, headers, body = _get(f"{base}/zh-hans/articles/msc-knee-dose/")
    assert status == 503 and '<html lang="zh-hans">' in body
    assert "The site is busy for a moment" not in body  # said in Chinese
    ready_status, _headers, ready_body = _get(f"{base}/readyz")
    assert ready_status == 503 and json.loads(ready_body)["database"].startswith("error")
    assert _get(f"{base}/healthz")[0] == 200  # the process itself is alive: do not restart it

    cluster.start()
    assert _get(article)[0] == 200
    assert _get(f"{base}/readyz")[0] == 200
