"""Load and soak: mixed reader traffic against gunicorn on PostgreSQL with Redis, on loopback.

    python bench/soak.py [--seconds 120] [--concurrency 32] [--workers 2]   (make soak)

Sets up a database of its own (SOAK_DATABASE_URL, default a `medcms_soak` database on the
local PostgreSQL, created if missing) with the demo content, serves it with gunicorn under
production settings (TLS off: loopback) and Redis as the cache, then drives it for the given
time with that many concurrent clients reading articles (several personas, both languages),
the index and topic pages. Prints requests, errors, requests per second, p50 and p99, and each
worker's memory at start and end. Expected: 0 errors, flat memory. Bounded in time and count;
only 127.0.0.1 is ever contacted.
"""

import argparse
import itertools
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from _setup import ensure_database

ROOT = Path(__file__).resolve().parent.parent
PERSONAS = ("patient", "physician", "caregiver")
MAX_REQUESTS = 2_000_000  # a hard bound whatever the time


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *args):
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, stdout=subprocess.DEVNULL
    )


def _rss_kb(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) if match else None


def _workers(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def _urls(base):
    index = urllib.request.urlopen(f"{base}/en/articles/", timeout=30).read().decode()  # noqa: S310 - loopback
    slugs = sorted(set(re.findall(r'href="/en/articles/([a-z0-9-]+)/"', index)))
    topics = sorted(set(re.findall(r'href="/en/topics/([a-z0-9-]+)/"', index)))
    urls = [f"/{lang}/articles/" for lang in ("en", "zh-hans")]
    urls += [f"/{lang}/topics/{slug}/" for slug in topics for lang in ("en", "zh-hans")]
    urls += [
        f"/{lang}/articles/{slug}/?persona={persona}"
        for slug in slugs
        for lang in ("en", "zh-hans")
        for persona in PERSONAS
    ]
    return urls


def _drive(base, urls, seconds, concurrency):
    deadline = time.monotonic() + seconds
    latencies, errors = [], []
    lock = threading.Lock()
    counter = itertools.count()

    def client():
        while time.monotonic() < deadline:
            n = next(counter)
            if n >= MAX_REQUESTS:
                return
            url = base + urls[n % len(urls)]
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
                    response.read()
                    ok = response.status == 200
            except Exception as error:  # noqa: BLE001 - every failure is counted and named
                ok, reason = False, f"{type(error).__name__}: {error}"
            else:
                reason = None if ok else f"HTTP {response.status}"
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(f"{url}: {reason}")

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    database = os.environ.get("SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/medcms_soak")
    ensure_database(database)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CACHE_URL": os.environ.get("SOAK_CACHE_URL", "redis://127.0.0.1:6379/3"),
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }
    _manage(env, "migrate", "--no-input")
    _manage(env, "collectstatic", "--no-input")
    _manage({**env, "DJANGO_ENV": "development"}, "load_demo")  # load_demo refuses production

    server = subprocess.Popen(  # noqa: S603 - our own gunicorn
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(options.workers)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        urls = _urls(base)
        for url in urls:  # warm every page once (render caches), as a running site is
            urllib.request.urlopen(base + url, timeout=30).read()  # noqa: S310 - loopback
        memory_start = {pid: _rss_kb(pid) for pid in _workers(server.pid)}
        latencies, errors = _drive(base, urls, options.seconds, options.concurrency)
        memory_end = {pid: _rss_kb(pid) for pid in _workers(server.pid)}
    finally:
        server.terminate()
        server.wait(timeout=30)

    latencies.sort()
    count = len(latencies)
    print(f"soak: {options.seconds} s, concurrency {options.concurrency}, {options.workers} gunicorn workers, "
          f"{len(urls)} distinct pages (PostgreSQL + Redis, production settings)")
    print(f"requests      {count}")
    print(f"errors        {len(errors)}")
    print(f"req/s         {count / options.seconds:.1f}")
    if count:
        print(f"p50           {statistics.median(latencies):.1f} ms")
        print(f"p99           {latencies[min(count - 1, int(count * 0.99))]:.1f} ms")
    for pid in sorted(set(memory_start) | set(memory_end)):
        start, end = memory_start.get(pid), memory_end.get(pid)
        print(f"worker {pid}  RSS start {start} kB, end {end} kB")
    for error in errors[:10]:
        print(f"  error: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
