"""The benchmark of record: the data set served by gunicorn under production settings, driven by wrk.

    .venv/bin/python bench/served.py [--articles 10000] [--seconds 10] [--skip-build]   (make bench)
    .venv/bin/python bench/served.py --skip-build --only floor,wagtail    (the floor and Wagtail alone)
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench100k .venv/bin/python bench/served.py --articles 100000

1. The data set (bench/dataset.py) in BENCH_DATABASE_URL (default a `bench` database on the
   local PostgreSQL, created if missing): reused when it holds the asked number of articles,
   else the database is emptied and built again (the build time is printed). A reused data set
   gets the stored renders and related lists it lacks (``dataset.py --fill-stored``: after a
   run's "nothing stored" row emptied them, minutes at 10,000 articles). --skip-build uses the
   database as it is (the header says how many renders and lists were stored at the start).
2. migrate, collectstatic, then gunicorn (BENCH_WORKERS sync workers, default 2) on a free
   loopback port with DJANGO_ENV=production, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
   SECURE_SSL_REDIRECT=0 (plain HTTP on loopback; everything else as production has it) and
   CACHE_URL (BENCH_CACHE_URL, default redis://127.0.0.1:6379/5, flushed at the start).
   gunicorn serves bench.wsgi: the project's settings and middleware with one more URL,
   /bench-floor/, a constant page: the floor (bench/floor.py).
3. Before each row, every table and index of its database is read into the page cache
   (``prewarm``: pg_prewarm; these machines page out memory idle for a minute).
   wrk -t2 -c16 -d<seconds> --latency on each page in turn: the floor; the article page warm
   (one URL again and again) and on a cache miss (a list of every published article in both
   languages for two personas, shuffled, each path requested once), twice: "Redis flushed"
   (the response and render caches emptied; the renders and related lists stored in the
   database, as saves and earlier readers leave them, serve) and "nothing stored" (Redis
   flushed and the stored renders and related lists emptied too, every table's row: each
   page parses and renders its Markdown and ranks its related articles, as after a glossary
   or persona change); for patient and physician, English and Chinese; the index; a topic page; search;
   and, signed in as a superuser (a session cookie), the admin's article list, reference list,
   translation queue, review queue and an article's history (1,000 revisions).
   With --wagtail (the default; --no-wagtail leaves it out), the same wrk on a Wagtail 8 site
   serving the equivalent article page (bench/wagtail/, bench/_wagtail.py): its own virtualenv
   and database (BENCH_WAGTAIL_DATABASE_URL, default `bench_wagtail`, built from this data set),
   gunicorn with the same workers, no page caching (as Wagtail ships): one article again and
   again, and every published bilingual article in both languages in turn. When the Wagtail
   virtualenv cannot be made (no network), one line says so and the run goes on without it.
   --only GROUPS (comma-separated: floor, article, lists, search, admin, wagtail) measures those
   rows alone; the floor is always measured. --rounds N measures every row N times, all rows
   in turn each round (so a machine whose speed drifts from minute to minute slows every row
   alike): the table shows each row's median round and every round's req/s, and, for the
   article's cache-miss rows, in how many rounds they were at or above Wagtail's every-page
   row of the same round.
4. Prints per page: req/s, p50, p99, errors, queries per request (counted in-process with
   Django's test client and CaptureQueriesContext on the same database and settings, not from
   the server), response bytes (one request to the server), and req/s as a share of the floor's;
   then the workers' memory (RSS) before and after the load. Results also go to
   var/bench/served-<articles>.json. It asserts nothing.

Needs wrk (`make bench` installs Debian's). Only 127.0.0.1 is contacted.
"""

import argparse
import json
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import _wagtail
from _setup import ensure_database, is_postgres

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench"
DEFAULT_CACHE = "redis://127.0.0.1:6379/5"
PYTHON = sys.executable
HISTORY_SLUG = "bench-history"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the database ------------------------------------------------------------------------------




def _server_and_name(url):
    server, name = url.rsplit("/", 1)
    return server, name


def _recreate_database(url):
    if not is_postgres(url):
        path = Path(urllib.parse.urlparse(url).path)
        path.unlink(missing_ok=True)
        return
    import psycopg

    server, name = _server_and_name(url)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _sql(url, query, params=()):
    """Rows of one query on the bench database (None if its tables are not there)."""
    if is_postgres(url):
        import psycopg

        try:
            with psycopg.connect(url) as connection:
                return connection.execute(query, params).fetchall()
        except psycopg.errors.UndefinedTable:
            return None
    import sqlite3

    path = urllib.parse.urlparse(url).path
    if not Path(path).exists():
        return None
    with sqlite3.connect(path) as connection:
        try:
            return connection.execute(query.replace("%s", "?"), params).fetchall()
        except sqlite3.OperationalError:
            return None


def _built_articles(url):
    rows = _sql(url, "SELECT count(*) FROM articles_article WHERE slug LIKE %s AND slug <> %s",
                ["bench-%", HISTORY_SLUG])
    return rows[0][0] if rows else 0


def _execute(url, statement, params=()):
    """One statement that returns no rows, on the bench database."""
    if is_postgres(url):
        import psycopg

        with psycopg.connect(url) as connection:
            connection.execute(statement, params)
        return
    import sqlite3

    with sqlite3.connect(urllib.parse.urlparse(url).path) as connection:
        connection.execute(statement, params)


# Every table, index and TOAST table of the database, read into the operating system's page
# cache before each row (pg_prewarm, PostgreSQL's contrib): a server keeps its working set in
# memory, but the virtual machines this runs on page out memory idle for a minute (DAMON
# proactive reclaim), so a row measured after others would otherwise read its tables from disk
# (a new search at 100,000 articles: 60 ms of PostgreSQL cold, 6 ms warm).
PREWARM = (
    "SELECT sum(pg_prewarm(c.oid, 'read')) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'i', 't', 'm') AND n.nspname IN ('public', 'pg_toast') "
    "AND c.relpersistence = 'p' AND pg_relation_size(c.oid) > 0"
)


def prewarm(url):
    """Read the PostgreSQL database at ``url`` into the page cache; blocks read, or None (with
    one line saying why) when pg_prewarm cannot be used; SQLite: None."""
    if not is_postgres(url):
        return None
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            return connection.execute(PREWARM).fetchone()[0]
    except psycopg.Error as error:
        print(f"served.py: tables not prewarmed ({str(error).splitlines()[0]})", file=sys.stderr, flush=True)
        return None


STORED_TABLES = ("articles_storedrender", "articles_relatedlist")


# The "nothing stored" row requests only the first paths of the shuffled list, and only their
# articles' stored renders and related lists are emptied (and made again by requesting each
# path once after the row), so that the data set keeps what the other rows measure.
BARE_PATHS = 1500


def empty_stored(url, slugs):
    """Empty the stored renders and related lists of the articles ``slugs`` (the "nothing
    stored" row)."""
    for table in STORED_TABLES:
        statement = (f"DELETE FROM {table} WHERE article_id IN "  # noqa: S608 - our own table names
                     "(SELECT id FROM articles_article WHERE slug IN ({}))")
        placeholders = ", ".join(["%s" if is_postgres(url) else "?"] * len(slugs))
        _execute(url, statement.format(placeholders), slugs)


def _stored_counts(url):
    """(stored renders, stored related lists) in the database (None: no such table yet)."""
    counts = []
    for table in STORED_TABLES:
        rows = _sql(url, f"SELECT count(*) FROM {table}")  # noqa: S608 - our own table names
        counts.append(rows[0][0] if rows else None)
    return tuple(counts)


def build_if_needed(url, articles):
    """(seconds spent building, or None if the data set was reused)."""
    ensure_database(url)
    if _built_articles(url) == articles and _sql(url, "SELECT 1 FROM articles_article WHERE slug = %s", [HISTORY_SLUG]):
        subprocess.run(  # noqa: S603 - our own script: what a previous "nothing stored" row emptied
            [PYTHON, str(ROOT / "bench" / "dataset.py"), "--fill-stored", "--database", url],
            cwd=ROOT, check=True, env={**os.environ, "DJANGO_ENV": "development"},
        )
        return None
    _recreate_database(url)
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own script
        [PYTHON, str(ROOT / "bench" / "dataset.py"), "--articles", str(articles), "--database", url],
        cwd=ROOT, check=True, env={**os.environ, "DJANGO_ENV": "development"},
    )
    return time.perf_counter() - start


# --- the server ----------------------------------------------------------------------------------


def _manage(env, *args, capture=False):
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL, text=True,
    )
    return result.stdout


SESSION_SNIPPET = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.get(username="bench-admin")
store = SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
print(store.session_key)
"""


def staff_session(env):
    """A session key of bench-admin (superuser), made with the server's SECRET_KEY."""
    return _manage(env, "shell", "-c", SESSION_SNIPPET, capture=True).strip().splitlines()[-1]


def _rss_kb(pid):
    try:
        match = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return None
    return int(match.group(1)) if match else None


def _workers(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return sorted(int(pid) for pid in children.read_text().split()) if children.exists() else []


def _get(base, path, cookie=None, timeout=900):
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})  # noqa: S310 - loopback only
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback only
        return response.status, response.read()


# --- wrk --------------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text):
    match = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    return float(match.group(1)) * _UNITS[match.group(2)] if match else None


def parse_wrk(output):
    result = {"rps": None, "p50": None, "p99": None, "requests": 0, "errors": 0}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result["rps"] = float(match.group(1))
    if match := re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE):
        result["p50"] = _ms(match.group(1))
    if match := re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE):
        result["p99"] = _ms(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        result["requests"] = int(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result["errors"] += int(match.group(1))
        result["non_2xx"] = int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        result["errors"] += sum(int(n) for n in match.groups())
        result["socket_errors"] = dict(zip(("connect", "read", "write", "timeout"), map(int, match.groups()), strict=True))
    return result


def run_wrk(base, path, options, *, cookie=None, paths_file=None, unique=False, start=0):
    command = ["wrk", f"-t{options.threads}", f"-c{options.connections}", f"-d{options.seconds}s", "--latency",
               "--timeout", "60s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if paths_file:
        command += ["-s", str(ROOT / "bench" / "paths.lua"), base + "/", "--", str(paths_file), str(options.threads),
                    str(start)]
    elif unique:
        command += ["-s", str(ROOT / "bench" / "unique.lua"), base + path]
    else:
        command.append(base + path)
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    return parse_wrk(output)


# --- queries per request, in-process ------------------------------------------------------------------

QUERY_COUNTER = """
import json, sys
from django.conf import settings
settings.ROOT_URLCONF = "bench.floor"
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
pages = json.loads(sys.stdin.read())
admin = get_user_model().objects.get(username="bench-admin")
counts = {}
for name, path, signed_in, kind in pages:
    client = Client()
    if signed_in:
        client.force_login(admin)
    if kind == "bare":  # Redis flushed, and this article's stored render and related list emptied
        from articles.models import RelatedList, StoredRender

        slug = path.split("/articles/")[1].split("/")[0]
        StoredRender.objects.filter(article__slug=slug).delete()
        RelatedList.objects.filter(article__slug=slug).delete()
        cache.clear()
    elif kind == "miss":  # Redis flushed, what a first request stores in the database kept
        client.get(path)
        cache.clear()
    elif kind == "edited":  # a new content version, as after any edit; the render cached
        from articles.public import response_cache

        client.get(path)
        response_cache.bump()
    elif not signed_in:  # reader pages: warm the caches first (the admin uses none)
        client.get(path)
    if kind == "rendered":  # a response-cache miss (for an article: the render cached)
        path += "&bench=counted"
    if kind.startswith("queries"):  # words not searched before (none of the load's, nor the path's)
        words = {"queries": ("痛风 抗凝药", "gout anticoagulants"), "queries-alone": ("痛风 二甲双胍", "gout metformin")}[kind]
        path = path.split("?")[0] + "?q=" + words[0 if path.startswith("/zh-hans/") else 1]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    counts[name] = [len(queries), response.status_code]
print("QUERIES " + json.dumps(counts))
"""


# Words every key answer of the data set holds (SUMMARY_EN, SUMMARY_ZH): added one at a time to
# the 1,200 queries, they make new queries with the same hits, for machines fast enough to go
# round the 1,200 within a row (a repeated query would be answered from the cache).
COMMON_WORDS = {"en": ("benefit", "care", "reasonable", "alongside", "small", "try"),
                "zh-hans": ("获益", "尝试", "小幅", "治疗")}


def search_paths(search_path):
    """Search pages for words never searched before (seed 13): each a condition, a treatment
    and a group of the data set, in the page's language (1,200 queries, shuffled); then the
    same queries with one of COMMON_WORDS more, a block of 1,200 for each word (about 4 % more
    work for PostgreSQL each), so that no query repeats within a row."""
    from dataset import CONDITIONS, GROUPS, TREATMENTS

    chinese = search_path.startswith("/zh-hans/")
    queries = [
        f"{c[1]} {t[1]} {g[1]}" if chinese else f"{c[0]} {t[0]} {g[0]}"
        for c in CONDITIONS for t in TREATMENTS for g in GROUPS
    ]
    random.Random(13).shuffle(queries)  # noqa: S311 - a fixed seed, on purpose
    blocks = [queries] + [[f"{q} {word}" for q in queries] for word in COMMON_WORDS["zh-hans" if chinese else "en"]]
    return [f"{search_path}?" + urllib.parse.urlencode({"q": q}) for block in blocks for q in block]


def new_content_version(env):
    """A new content version, as any edit makes (``response_cache.bump()``), in the server's cache."""
    subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, str(ROOT / "manage.py"), "shell", "-c", "from articles.public import response_cache; response_cache.bump()"],
        env=env, cwd=ROOT, check=True, capture_output=True,
    )


def count_queries(env, pages):
    """{name: [queries, status]} of one request to each page (reader pages warm: after one
    request; miss: after the cache was cleared), in-process with the server's settings and database."""
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, str(ROOT / "manage.py"), "shell", "-c", QUERY_COUNTER],
        env={**env, "ALLOWED_HOSTS": env["ALLOWED_HOSTS"] + ",testserver"}, cwd=ROOT, check=True,
        input=json.dumps(pages), capture_output=True, text=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("QUERIES "))
    return json.loads(line[len("QUERIES "):])


# --- the run ----------------------------------------------------------------------------------------


def _miss_paths(url, workdir, seed=13, personas=("patient", "physician"), name="miss-paths.txt"):
    """Every published article with both languages, in both languages, for two personas (none for
    Wagtail's pages), shuffled."""
    rows = _sql(
        url,
        "SELECT slug FROM articles_article WHERE status = 'published' AND slug LIKE %s "
        "AND slug <> %s AND title_zh_hans <> '' ORDER BY slug",
        ["bench-%", HISTORY_SLUG],
    )
    queries = [f"?persona={persona}" for persona in personas] or [""]
    paths = [f"/{lang}/articles/{slug}/{query}" for (slug,) in rows for lang in ("en", "zh-hans") for query in queries]
    random.Random(seed).shuffle(paths)  # noqa: S311 - a fixed seed, on purpose
    path = Path(workdir) / name
    path.write_text("\n".join(paths) + "\n")
    return path, len(paths)


GROUPS = ("floor", "article", "lists", "search", "admin", "wagtail")


def _group(name, kind):
    if kind.startswith("wagtail"):
        return "wagtail"
    for prefix, group in (("floor", "floor"), ("article", "article"), ("index", "lists"), ("topic", "lists"),
                          ("search", "search")):
        if name.startswith(prefix):
            return group
    return "admin"


def _only(text):
    groups = {group.strip() for group in text.split(",") if group.strip()}
    if unknown := groups - set(GROUPS):
        raise argparse.ArgumentTypeError(f"unknown groups {sorted(unknown)}; choose from {', '.join(GROUPS)}")
    return groups | {"floor"}


def combine_rounds(measured_rounds):
    """One row's rounds as the table shows them: the median round's figures (by req/s), the
    requests and errors of all rounds, and each round's req/s in the order measured."""
    by_rps = sorted(measured_rounds, key=lambda m: m["rps"] or 0)
    median = by_rps[(len(by_rps) - 1) // 2]
    combined = {**median, "requests": sum(m["requests"] for m in measured_rounds),
                "errors": sum(m["errors"] for m in measured_rounds)}
    if len(measured_rounds) > 1:
        combined["rounds_rps"] = [m["rps"] for m in measured_rounds]
        combined["distinct"] = median.get("distinct", 0) * len(measured_rounds)
    return combined


# Each article-miss row against Wagtail serving every page, round by round: on a machine whose
# speed drifts between minutes, a comparison within one round is the fair one.
MISS_ROWS = ("article, Redis flushed (4 variants)", "article, after an edit (4 variants)")
WAGTAIL_EACH = "wagtail article, every page in turn"


def paired_with_wagtail(results):
    lines = []
    wagtail = results.get(WAGTAIL_EACH, {}).get("rounds_rps")
    for name in MISS_ROWS:
        ours = results.get(name, {}).get("rounds_rps")
        if not (ours and wagtail):
            continue
        pairs = list(zip(ours, wagtail, strict=True))
        at_or_above = sum(1 for a, b in pairs if (a or 0) >= (b or 0))
        ratios = ", ".join(f"{(a or 0) / b:.2f}" if b else "-" for a, b in pairs)
        lines.append(f"{name} against {WAGTAIL_EACH}: at or above in {at_or_above} of {len(pairs)} rounds "
                     f"(ratio per round: {ratios})")
    return lines


def _prepare_wagtail(options, database):
    """(python, env, build seconds) of the Wagtail site, or None with one line saying why not."""
    if not options.wagtail or "wagtail" not in options.only:
        return None
    try:
        return _wagtail.prepare(database, os.environ.get("BENCH_WAGTAIL_DATABASE_URL", _wagtail.DEFAULT_DATABASE),
                                rebuild=options.wagtail_rebuild)
    except _wagtail.Unavailable as error:
        print(f"served.py: Wagtail row skipped: {error}", file=sys.stderr, flush=True)
        return None


def _versions():
    import django

    def command(*args):
        try:
            return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603
        except (OSError, subprocess.CalledProcessError):
            return "?"

    return {
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "postgresql": command("psql", "--version"),
        "redis": command("redis-server", "--version").split(" sha=")[0],
        "wrk": command("wrk", "--version").splitlines()[0] if shutil.which("wrk") else "?",
        "cpus": os.cpu_count(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page (default 10)")
    parser.add_argument("--skip-build", action="store_true", help="use the database as it is")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", "2")))
    parser.add_argument("--slow", type=float, default=5.0,
                        help="a page whose single request takes longer (seconds) is not put under load")
    parser.add_argument("--wagtail", action=argparse.BooleanOptionalAction, default=True,
                        help="also measure a Wagtail 8 site serving the equivalent article page (default on)")
    parser.add_argument("--wagtail-rebuild", action="store_true", help="build the Wagtail site's database again")
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure every loaded row this many times, the rows taken in turn each round; "
                             "the table shows each row's median (default 1)")
    parser.add_argument("--only", type=_only, default=set(GROUPS),
                        help=f"comma-separated groups to measure ({', '.join(GROUPS)}); the floor always")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        print("served.py: wrk is not installed (apt-get install wrk, or make bench)", file=sys.stderr)
        return 2

    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    cache_url = os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE)
    build_seconds = None if options.skip_build else build_if_needed(database, options.articles)
    articles_in_db = _built_articles(database)
    stored_at_start = _stored_counts(database)
    wagtail = _prepare_wagtail(options, database)

    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CACHE_URL": cache_url,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "REQUIRE_2FA": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("DEBUG", None)
    _manage(env, "migrate", "--no-input")
    _manage(env, "collectstatic", "--no-input")
    session = staff_session(env)
    cookie = f"sessionid={session}"
    import redis

    redis.Redis.from_url(cache_url).flushdb()

    history_pk = _sql(database, "SELECT id FROM articles_article WHERE slug = %s", [HISTORY_SLUG])[0][0]
    first = _sql(database, "SELECT slug FROM articles_article WHERE status = 'published' AND slug LIKE %s "
                 "AND slug <> %s AND title_zh_hans <> '' ORDER BY slug LIMIT 1", ["bench-%", HISTORY_SLUG])[0][0]
    search_en = "/en/search/?" + urllib.parse.urlencode({"q": "exercise therapy osteoarthritis"})
    search_zh = "/zh-hans/search/?" + urllib.parse.urlencode({"q": "骨关节炎 运动疗法"})
    # (name, path, signed in, kind): kind "warm" repeats the path, "miss" cycles the list
    # (nothing cached: Redis flushed; renders and related lists stored in the database),
    # "edited" cycles it after a new content version (renders cached, as after any edit),
    # "bare" cycles its first BARE_PATHS paths with their stored renders and lists emptied
    # too, "rendered" repeats one page with a new query string (a response-cache miss in the
    # same content version: what an article's pages share is cached by the first).
    pages = [("floor (constant view)", "/bench-floor/", False, "warm")]
    for lang in ("en", "zh-hans"):
        for persona in ("patient", "physician"):
            pages.append((f"article {lang} {persona}, warm", f"/{lang}/articles/{first}/?persona={persona}", False, "warm"))
    pages.append(("article, response miss, same version", f"/en/articles/{first}/?persona=patient", False, "rendered"))
    pages.append(("article, Redis flushed (4 variants)", f"/en/articles/{first}/?persona=patient", False, "miss"))
    pages.append(("article, after an edit (4 variants)", f"/en/articles/{first}/?persona=patient", False, "edited"))
    pages.append(("article, nothing stored (4 variants)", f"/en/articles/{first}/?persona=patient", False, "bare"))
    pages += [
        ("index en", "/en/articles/", False, "warm"),
        ("index zh-hans", "/zh-hans/articles/", False, "warm"),
        ("topic en (cardiology)", "/en/topics/cardiology/", False, "warm"),
        ("search en", search_en, False, "warm"),
        ("search zh-hans", search_zh, False, "warm"),
        # The same words with a query string never sent before: the page is built again, the
        # ranked hits of those words come from the cache (one ranking per content version).
        ("search en, same words, new URL", search_en, False, "rendered"),
        ("search zh-hans, same words, new URL", search_zh, False, "rendered"),
        # Words never searched before on every request: the search is made each time.
        # (the path: its single request, size and queries; the load cycles search_paths())
        ("search en, new words each time", "/en/search/?q=gout+statins", False, "queries"),
        ("search zh-hans, new words each time", "/zh-hans/search/?" + urllib.parse.urlencode({"q": "痛风 他汀类药物"}),
         False, "queries"),
        # The same, one connection: what one reader waits for a new search when nobody queues.
        ("search en, new words, 1 connection", "/en/search/?q=gout+statins", False, "queries-alone"),
        ("admin article list", "/admin/articles/article/", True, "warm"),
        ("admin reference list", "/admin/references/reference/", True, "warm"),
        ("admin translation queue", "/admin/articles/translationtask/", True, "warm"),
        ("admin review queue", "/admin/reviews/reviewqueue/", True, "warm"),
        ("admin history (1,000 revisions)", f"/admin/articles/article/{history_pk}/history/", True, "warm"),
    ]
    if wagtail:  # kind "wagtail" repeats the path, "wagtail-each" cycles every article page
        pages += [("wagtail article (equivalent page)", f"/en/articles/{first}/", False, "wagtail"),
                  ("wagtail article, every page in turn", f"/en/articles/{first}/", False, "wagtail-each")]
    pages = [page for page in pages if _group(page[0], page[3]) in options.only]

    workdir = tempfile.mkdtemp(prefix="medcms-bench-")
    miss_file, miss_count = _miss_paths(database, workdir)
    bare_paths = Path(miss_file).read_text().split()[:BARE_PATHS]
    bare_file = Path(workdir) / "bare-paths.txt"
    bare_file.write_text("\n".join(bare_paths) + "\n")
    bare_slugs = sorted({p.split("/articles/")[1].split("/")[0] for p in bare_paths})
    wagtail_file, wagtail_count = _miss_paths(database, workdir, personas=(), name="wagtail-paths.txt")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    wagtail_server, wagtail_base = None, None
    if wagtail:
        wagtail_port = _free_port()
        wagtail_base = f"http://127.0.0.1:{wagtail_port}"
        wagtail_server = _wagtail.start(wagtail[0], wagtail[1], wagtail_port, options.workers,
                                        open(Path(workdir) / "wagtail-gunicorn.log", "w"))  # noqa: SIM115

    def base_of(kind):
        return wagtail_base if kind.startswith("wagtail") else base

    def measure_row(name, path, signed_in, kind, round_number):
        """One wrk run of one row, its caches set up as the row's kind says. The rows that
        cycle a list of articles start each round further on in it, so that no round
        requests pages an earlier one did (whatever a worker kept of them)."""

        def start(count):
            return (round_number - 1) * count // options.rounds

        prewarm(wagtail[1]["DATABASE_URL"] if kind.startswith("wagtail") else database)
        if kind == "miss":
            redis.Redis.from_url(cache_url).flushdb()
            measured = run_wrk(base, path, options, paths_file=miss_file, start=start(miss_count))
            measured["distinct"] = miss_count
        elif kind == "edited":
            # What every reader meets after any edit on the site: a new content version
            # (every page and what an article's pages share is out of date), the renders
            # still cached (the edit changed no other text), related lists stored.
            new_content_version(env)
            measured = run_wrk(base, path, options, paths_file=miss_file, start=start(miss_count))
            measured["distinct"] = miss_count
        elif kind == "bare":
            redis.Redis.from_url(cache_url).flushdb()
            empty_stored(database, bare_slugs)
            measured = run_wrk(base, path, options, paths_file=bare_file)
            measured["distinct"] = len(bare_paths)
            for bare_path in bare_paths:  # store again what the row emptied
                _get(base, bare_path)
        elif kind == "rendered":
            measured = run_wrk(base, path, options, unique=True)
        elif kind in ("queries", "queries-alone"):
            search_path = path.split("?")[0]
            queries_file = Path(workdir) / f"{kind}-{search_path.strip('/').split('/')[0]}.txt"
            queries = search_paths(search_path)
            alone = kind == "queries-alone"
            if alone:  # from the list's other end
                queries.reverse()
            queries_file.write_text("\n".join(queries) + "\n")
            # A new content version: no earlier row's searches (or this list's, at a fast
            # single connection going round it) are answered from the cache.
            new_content_version(env)
            measured = run_wrk(base, path, argparse.Namespace(**{**vars(options), "threads": 1, "connections": 1})
                               if alone else options, paths_file=queries_file, start=start(len(queries)))
            measured["distinct"] = len(queries)
        elif kind == "wagtail-each":
            measured = run_wrk(wagtail_base, path, options, paths_file=wagtail_file, start=start(wagtail_count))
            measured["distinct"] = wagtail_count
        else:
            measured = run_wrk(base_of(kind), path, options, cookie=cookie if signed_in else None)
        return measured

    server = subprocess.Popen(  # noqa: S603 - our own gunicorn
        [PYTHON, "-m", "gunicorn", "bench.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(options.workers), "--worker-class", "sync", "--timeout", "900",
         "--access-logfile", "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(Path(workdir) / "gunicorn.log", "w"),  # noqa: SIM115
    )
    results = {}
    memory_start, memory_end, wagtail_workers = {}, {}, set()
    try:
        ready = {}
        for server_base, ready_path in ((base, "/healthz"), (wagtail_base, "/en/")):
            for _ in range(300 if server_base else 0):
                try:
                    ready[server_base] = _get(server_base, ready_path)[0] == 200
                    break
                except OSError:
                    time.sleep(0.2)
        if wagtail and not ready.get(wagtail_base):
            print("served.py: Wagtail row skipped: its server did not answer /en/", file=sys.stderr, flush=True)
            pages = [page for page in pages if not page[3].startswith("wagtail")]
            wagtail = None
        prewarm(database)
        for name, path, signed_in, kind in pages:  # each page twice: status, size, caches warm
            status, body = _get(base_of(kind), path, cookie if signed_in else None)
            start = time.perf_counter()
            _get(base_of(kind), path, cookie if signed_in else None)
            results[name] = {"path": path, "status": status, "bytes": len(body),
                             "single_ms": round((time.perf_counter() - start) * 1000, 1)}
            print(f"  {name}: one request {results[name]['single_ms']:.0f} ms", flush=True)
        servers = [server, *([wagtail_server] if wagtail_server else [])]
        memory_start = {pid: _rss_kb(pid) for s in servers for pid in _workers(s.pid)}
        wagtail_workers = set(_workers(wagtail_server.pid)) if wagtail_server else set()
        loaded = [page for page in pages if results[page[0]]["single_ms"] <= options.slow * 1000]
        for page in pages:
            if page not in loaded:  # 16 connections on such a page queue minutes of work: one request says enough.
                results[page[0]].update(rps=None, p50=None, p99=None, requests=0, errors=0, skipped=True)
        rounds = {page[0]: [] for page in loaded}
        for round_number in range(1, options.rounds + 1):
            for name, path, signed_in, kind in loaded:
                measured = measure_row(name, path, signed_in, kind, round_number)
                rounds[name].append(measured)
                # Requests wrk gave up on are still queued at the workers: wait until they are done
                # (a request to the floor, or Wagtail's home page, is answered once the backlog has drained).
                drain_start = time.perf_counter()
                _get(base_of(kind), "/en/" if kind.startswith("wagtail") else "/bench-floor/")
                measured["drain_seconds"] = round(time.perf_counter() - drain_start, 1)
                if measured["errors"]:  # which kind: answers other than 2xx/3xx, or the connection's
                    kinds = {k: measured[k] for k in ("non_2xx", "socket_errors") if k in measured}
                    print(f"  {name}: {measured['errors']} errors {kinds}", flush=True)
                print(f"  {f'round {round_number}: ' if options.rounds > 1 else ''}measured {name}: {measured['rps']} req/s ({measured['requests']} "
                      f"requests; backlog drained in {measured['drain_seconds']} s)", flush=True)
        for name, measured_rounds in rounds.items():
            results[name].update(combine_rounds(measured_rounds))
        memory_end = {pid: _rss_kb(pid) for s in servers for pid in _workers(s.pid)}
    finally:
        for running in (server, wagtail_server):
            if running:
                running.terminate()
                running.wait(timeout=60)
    counts = count_queries(env, [page for page in pages if not page[3].startswith("wagtail")])
    if wagtail:
        counts.update(_wagtail.count_queries(
            wagtail[0], wagtail[1], [(name, path) for name, path, _s, kind in pages if kind.startswith("wagtail")]))
    for name, (queries, status) in counts.items():
        results[name]["queries"] = queries
        results[name]["inprocess_status"] = status

    floor = results["floor (constant view)"]["rps"] or 1
    info = _versions()
    if wagtail:
        info["wagtail"] = _wagtail.version(wagtail[0])
    total_requests = sum(r.get("requests", 0) for r in results.values())
    print()
    print(f"MedCMS benchmark of record: {articles_in_db} articles (+ {HISTORY_SLUG}), "
          f"{'PostgreSQL' if is_postgres(database) else 'SQLite'} + Redis, gunicorn {options.workers} sync workers, "
          f"production settings (CONN_MAX_AGE={os.environ.get('CONN_MAX_AGE', '60')}), "
          f"wrk -t{options.threads} -c{options.connections} -d{options.seconds}s on loopback"
          + (f"; {options.rounds} rounds, each row's median shown" if options.rounds > 1 else ""))
    if build_seconds is not None:
        print(f"data set built in {build_seconds:.0f} s")
    else:
        print("data set reused (already built)")
    if wagtail:
        print(f"Wagtail {info['wagtail']} site (bench/wagtail/): "
              + (f"built in {wagtail[2]:.0f} s" if wagtail[2] is not None else "database reused")
              + f"; {options.workers} sync workers, no page caching; its rows' floor share is of the MedCMS floor")
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {info['cpus']} CPUs; Python {info['python']}, "
          f"Django {info['django']}; {info['postgresql']}; {info['redis']}")
    print(f"stored at the start: {stored_at_start[0]} renders, {stored_at_start[1]} related lists "
          "(the Redis-flushed row serves them; the nothing-stored row empties them first)")
    print("floor: /bench-floor/, a constant HttpResponse served by the same gunicorn, same settings and "
          "middleware (bench/floor.py); queries: one request in-process (test client, same database); "
          "1 req ms: one request alone, before the load")
    print()
    header = (f"{'page':<38} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'queries':>7} {'bytes':>8} "
              f"{'floor':>7} {'1 req ms':>9}" + ("  req/s per round" if options.rounds > 1 else ""))
    print(header)
    print("-" * len(header))
    for name, _path, _signed_in, kind in pages:
        r = results[name]
        rps = r.get("rps") or 0
        note = ""
        cycles = ("miss", "edited", "bare", "wagtail-each", "queries", "queries-alone")
        if r.get("rounds_rps"):
            note += "  " + " / ".join(f"{rps:.1f}" if rps else "-" for rps in r["rounds_rps"])
        if kind in cycles and r.get("requests", 0) > r.get("distinct", 0):
            note = f"  ({r['requests']} requests over {r['distinct']} paths: some hits)"
        if r.get("skipped"):
            note += f"  (not loaded: one request took {r['single_ms'] / 1000:.1f} s)"
        elif not r.get("requests"):
            note += f"  (no request finished within {options.seconds} s)"
        if r["status"] != 200 or r.get("inprocess_status") != 200:
            note += f"  (status {r['status']}/{r.get('inprocess_status')})"
        print(f"{name:<38} {rps:>8.1f} {r.get('p50') or 0:>8.1f} {r.get('p99') or 0:>8.1f} {r.get('errors', 0):>6} "
              f"{r.get('queries', '?'):>7} {r['bytes']:>8} {100 * rps / floor:>6.1f}% {r['single_ms']:>9.0f}{note}")
    print()
    if options.rounds > 1:
        for line in paired_with_wagtail(results):
            print(line)
        print()
    for pid in sorted(set(memory_start) | set(memory_end)):
        owner = "Wagtail worker" if pid in wagtail_workers else "worker"
        print(f"{owner} {pid}: RSS {memory_start.get(pid)} kB after warm-up, {memory_end.get(pid)} kB after "
              f"the load ({total_requests} requests in all)")
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    record = {
        "articles": articles_in_db, "build_seconds": build_seconds,
        "stored_at_start": {"renders": stored_at_start[0], "related_lists": stored_at_start[1]}, "seconds": options.seconds,
        "rounds": options.rounds, "workers": options.workers, "threads": options.threads, "connections": options.connections,
        "wagtail_build_seconds": wagtail[2] if wagtail else None,
        "versions": info, "pages": results, "memory_start_kb": memory_start, "memory_end_kb": memory_end,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    suffix = "" if options.only == set(GROUPS) else "-" + "-".join(g for g in GROUPS if g in options.only)
    (out / f"served-{articles_in_db}{suffix}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
