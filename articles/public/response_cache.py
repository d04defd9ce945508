"""Whole reader pages kept in the cache, under keys that are right by construction.

``@cached_page`` on a public view looks the response up BEFORE the view does any work (no
query on a hit: one round trip to the cache, ``get_many`` of the content version and the
page) and stores what the view returned. A stored page is served only while it was built
under the current

- site-wide **content version**: a random token kept in the configured cache (so every
  app server sees a change at once, Redis with ``CACHE_URL``), replaced by ``bump()`` on
  every post_save / post_delete / m2m_changed of a model a reader page shows. Models are
  registered with ``watch(Model)``: articles watches its own and the reference library's
  models (``connect()``); higher apps (reviews) register theirs from their ``ready()``, since
  articles never imports them. A token (not a counter) cannot come back after the cache
  lost it, so an entry of an older state can never be served again. The token is kept in
  the entry, not in its key, so that one read fetches both; the next miss replaces the page.

The key is a sha256 of
- the **release** (``settings.RELEASE``, else a digest of the code, templates, static files
  and translations: ``code_release()``) and the settings the pages read (review gate,
  default persona, policy URL, contact address, time zone);
- **today's date** (review dates, "overdue", the print date). An article scheduled for later
  changes pages when its time comes, with no save then: the next such time is kept beside
  the version (``refresh_schedule``, at an article's save), and the first request after it
  makes a new version;
- the view, scheme, host, path (language prefix and slug), the language, the **full query
  string** (``?persona=``, ``?page=``, and every other parameter the language links keep)
  and, for pages that adapt to the reader, the persona cookie: exactly the inputs
  ``personas.resolve_persona`` reads.

Never used (neither read nor written) for a request with a session cookie (signed-in staff:
they get ``Cache-Control: private, no-store``), for methods other than GET/HEAD, nor for the
editors' previews (not decorated). Only 200 responses are stored, and only if they set no
cookie other than the persona cookie, which is derived from the query string and so is
replayed on a hit. The Content-Security-Policy nonce changes per response: the stored body
is split where the nonce was, and a hit joins it with the new request's nonce.

What the pages of one article have in common (the article and what is prefetched with it,
the cited sources, the related articles, the reviews), and the ranked hits of a search's words,
are kept too, by ``shared()``, under the content version the request read (and the release,
settings and date): after a change, the first of an article's pages reads it from the
database, its other pages (another persona, another language) from the cache. It is written
with the page in one round trip and kept no longer than the page.

Headers: a weak ``ETag`` (the stored body without its nonce), ``Last-Modified`` (when the
entry was made; a change makes a new entry, so the date moves), ``Cache-Control: public,
max-age=RESPONSE_CACHE_MAX_AGE`` (``private`` when the response sets the persona cookie), the
view's ``Vary`` (``Cookie`` on persona pages; LocaleMiddleware adds ``Accept-Language`` where
the language is negotiated), and 304 answers to ``If-None-Match`` / ``If-Modified-Since``
(``django.utils.cache.get_conditional_response``, as ConditionalGetMiddleware does).
"""

import contextvars
import datetime
import functools
import hashlib
import json
import logging
import time
import uuid
from pathlib import Path

import django
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

KEY_PREFIX = "articles:response"
VERSION_KEY = f"{KEY_PREFIX}:version"
NEXT_PUBLICATION_KEY = f"{KEY_PREFIX}:next-publication"
# Headers a stored response keeps; the rest are set again on every response (middleware, us).
_NOT_STORED = {"cache-control", "etag", "last-modified", "expires", "content-length", "date", "set-cookie"}

# --- what changes a reader page --------------------------------------------------------

_watched = set()
_ignored_update_fields = {}


def watch(model, *, ignore_update_fields=()):
    """Bump the content version whenever ``model`` (or a proxy of it) is saved, deleted or
    changes a many-to-many relation. ``ignore_update_fields``: a save with ``update_fields``
    only among these changes nothing readers see (e.g. a user's ``last_login``)."""
    concrete = model._meta.concrete_model
    _watched.add(concrete)
    if ignore_update_fields:
        _ignored_update_fields[concrete] = frozenset(ignore_update_fields)


def watched_models():
    return set(_watched)


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def refresh_schedule():
    """Store when the next article scheduled for later goes live (one query). Only an
    article's save or delete can change it; readers compare it with the time."""
    cache.set(NEXT_PUBLICATION_KEY, _next_publication(), None)


def next_publication(now):
    """When the next article scheduled for later than ``now`` goes live (an aware datetime;
    None: none is), as kept beside the version: read again if the cache lost it or it is past."""
    when = cache.get(NEXT_PUBLICATION_KEY)
    if when is None or (when and when <= now.timestamp()):
        when = _next_publication(now)
    return datetime.datetime.fromtimestamp(when, tz=datetime.UTC) if when else None


def _bump_after_commit():
    _new_version()


def _bump_and_schedule_after_commit():
    refresh_schedule()
    _new_version()


def bump(*, schedule=False):
    """A new content version: every stored page is out of date (they stay until they expire).
    ``schedule``: an article changed, so the next scheduled publication may have too.

    Now, so that the writer's own transaction and tests see it, and again once the
    transaction commits: a reader between the two may have stored a page built from the
    data as committed before, under the first new token."""
    if schedule:
        refresh_schedule()
    _new_version()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    callback = _bump_and_schedule_after_commit if schedule else _bump_after_commit
    try:  # one after-commit bump per transaction is enough (a rolled-back savepoint drops it)
        pending = any(queued is callback for _sids, queued, *_rest in connection.run_on_commit)
    except (AttributeError, TypeError, ValueError):  # pragma: no cover - Django's internals moved
        pending = False
    if not pending:
        transaction.on_commit(callback, robust=True)


def _is_watched(model):
    return model is not None and model._meta.concrete_model in _watched


def _on_save(sender, instance, update_fields=None, **kwargs):
    if not _is_watched(sender):
        return
    ignored = _ignored_update_fields.get(sender._meta.concrete_model)
    if ignored and update_fields and set(update_fields) <= ignored:
        return
    bump(schedule=_is_article(sender))


def _on_delete(sender, instance, **kwargs):
    if _is_watched(sender):
        bump(schedule=_is_article(sender))


def _is_article(model):
    from ..models import Article

    return model._meta.concrete_model is Article


def _on_m2m_changed(sender, instance, action, model=None, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if _is_watched(sender) or _is_watched(type(instance)) or _is_watched(model):
        bump()


def _on_library_changed(sender, **kwargs):
    bump()


def connect():
    """Listen to every save (cheap: a set lookup for models nobody watches) and watch the
    models of this app and of the reference library that reader pages show."""
    from references.models import Reference

    from ..models import (
        Article,
        Author,
        Authorship,
        Citation,
        GlossaryTerm,
        LanguageVersion,
        Persona,
        SitePage,
        Topic,
        UpdateNote,
    )

    for model in (Article, Topic, Author, Authorship, Persona, LanguageVersion, UpdateNote, Citation,
                  GlossaryTerm, SitePage, Reference):
        watch(model)
    from references.signals import library_changed

    library_changed.connect(_on_library_changed, dispatch_uid="articles-response-cache-library")
    post_save.connect(_on_save, dispatch_uid="articles-response-cache-save")
    post_delete.connect(_on_delete, dispatch_uid="articles-response-cache-delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="articles-response-cache-m2m")


# --- the key ---------------------------------------------------------------------------

_RELEASE_DIRS = ("articles", "reviews", "references", "config", "templates", "static", "locale")
_RELEASE_SUFFIXES = {".py", ".html", ".txt", ".css", ".js", ".mo", ".svg", ".json"}


@functools.cache
def code_release():
    """A digest of the code and everything it serves (read once per process, ~ms)."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256(django.get_version().encode())
    for name in _RELEASE_DIRS:
        for path in sorted((base / name).rglob("*")):
            if path.suffix in _RELEASE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def release():
    return settings.RELEASE or code_release()


def _settings_state():
    return [
        settings.REVIEW_GATE,
        settings.DEFAULT_PERSONA,
        settings.PERSONA_COOKIE_NAME,
        settings.EDITORIAL_POLICY_URL,
        settings.CONTACT_EMAIL,
        settings.TIME_ZONE,
        settings.STATIC_URL,
        settings.SEARCH_MAX_RESULTS,
    ]


def current_version():
    token = cache.get(VERSION_KEY)
    if token is None:  # first use, or the cache lost it: a token no entry was ever stored under
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        token = cache.get(VERSION_KEY)
    return token


# The content version the reader request being built read (cached_page), for memoized().
_request_version = contextvars.ContextVar("response_cache_request_version", default=None)
_memo = (None, {})


def _memo_values():
    """This process's memo for the content version the reader request being built read, or
    None outside such requests."""
    global _memo
    version = _request_version.get()
    if version is None:
        return None
    memo_version, values = _memo
    if memo_version != version:
        values = {}
        _memo = (version, values)
    return values


def _keep(values, name, value, group, limit):
    """Memoize ``value`` under ``name`` unless its group already holds ``limit`` values."""
    if group is not None:
        kept = values.setdefault(("group", group), [0])
        if kept[0] >= limit:
            return
        kept[0] += 1
    values[name] = value


def memoized(name, compute, *, group=None, limit=None):
    """``compute()`` (reading only watched models), computed once per content version in this
    process while reader pages are built, else every time. Right by construction: any change
    it reads makes a new version, once more after its transaction commits (``bump``), and a
    request keeps the version it read before it read any data.

    ``group`` and ``limit``: at most ``limit`` values of that group are kept per version
    (beyond, computed every time), so that memory stays bounded whatever the data's size."""
    values = _memo_values()
    if values is None:
        return compute()
    if name in values:
        return values[name]
    value = compute()
    _keep(values, name, value, group, limit)
    return value


def memoized_many(group, keys, compute_missing, *, limit):
    """{key: value} of ``keys`` (in ``group``): those this process memoized for the content
    version the request read, the others from ``compute_missing(missing keys)`` (one call,
    a dict with a value for each), then memoized while the group holds fewer than ``limit``.
    Outside reader requests, ``compute_missing(keys)``. Right by construction, as memoized()."""
    values = _memo_values()
    if values is None:
        return compute_missing(list(keys))
    found = {key: values[(group, key)] for key in keys if (group, key) in values}
    missing = [key for key in keys if key not in found]
    if missing:
        computed = compute_missing(missing)
        for key in missing:
            found[key] = computed[key]
            _keep(values, (group, key), computed[key], group, limit)
    return found


_MISSING = object()
# What the reader request being built computed for shared() (written in one round trip once
# the page is built), and whether what leads was not kept (the rest is then not looked up).
_request_shared = contextvars.ContextVar("response_cache_request_shared", default=None)


class _Shared:
    def __init__(self):
        self.pending = {}
        self.fresh = False


def shared(name, compute, *, leads=False):
    """``compute()`` (reading only watched models; a picklable result), computed once per
    content version for every process while reader pages are built (kept in the cache under
    the release, the settings and date the pages depend on, and the version the request read:
    cached_page), else every time. For what the pages of one article share (its languages
    and personas): the first of them after a change reads the database, the others the cache.
    Right by construction, as memoized().

    ``leads``: what a page reads first of what it shares (its article). When it was not kept,
    neither is the rest: it is computed without looking it up. What a request computed is
    written once its page is built, with the page, in one round trip (``_write_shared``)."""
    version = _request_version.get()
    state = _request_shared.get()
    if version is None or state is None:
        return compute()
    # The settings and the date too, as in page_key: the approval gate changes which texts
    # and related articles readers see.
    key_state = json.dumps([release(), _settings_state(), timezone.localdate().isoformat(), version, name])
    key = f"{KEY_PREFIX}:shared:{hashlib.sha256(key_state.encode()).hexdigest()}"
    value = state.pending.get(key, _MISSING)
    if value is _MISSING and not state.fresh:
        value = cache.get(key, _MISSING)
    if value is _MISSING:
        if leads:
            state.fresh = True
        value = compute()
        state.pending[key] = value
    return value


def page_key(request, view_name, *, persona_cookie=True):
    """Where a page is kept. The content version is not in it but in the entry (compared on
    every hit), so that one round trip to the cache fetches the version and the page together;
    a page of an older version is replaced by the next miss."""
    parts = {
        "release": release(),
        "settings": _settings_state(),
        "today": timezone.localdate().isoformat(),
        "view": view_name,
        "scheme": request.scheme,
        "host": request.get_host(),
        "path": request.path,
        "query": request.META.get("QUERY_STRING", ""),
        "lang": get_language(),
        "persona_cookie": request.COOKIES.get(settings.PERSONA_COOKIE_NAME, "") if persona_cookie else "",
    }
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{KEY_PREFIX}:page:{hashlib.sha256(payload.encode()).hexdigest()}"


def _next_publication(now=None):
    """When the next article scheduled for later is published (epoch seconds; 0: none)."""
    from django.db.models import Min

    from ..models import Article

    when = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now()).aggregate(
        first=Min("published_at")
    )["first"]
    return when.timestamp() if when else 0


# --- the decorator -------------------------------------------------------------------------


def is_staff_request(request):
    """A session cookie: a signed-in (or signing-in) editor; never served from or stored in the cache."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and getattr(user, "is_authenticated", False))


def _storable(request, response):
    if response.status_code != 200 or response.streaming or is_staff_request(request):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    # A per-user cookie (CSRF token, session, messages) must never reach another reader. The
    # middleware below the view sets them later: look at what the view asked for as well.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and getattr(session, "modified", False):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    return all(name == settings.PERSONA_COOKIE_NAME for name in response.cookies)


def _entry_of(request, response):
    body = response.content
    nonce = getattr(request, "_csp_nonce", None)
    chunks = body.split(nonce.encode()) if isinstance(nonce, str) and nonce else [body]
    headers = {name: value for name, value in response.headers.items() if name.lower() not in _NOT_STORED}
    cookies = {name: morsel.value for name, morsel in response.cookies.items()}
    digest = hashlib.sha256(json.dumps([response.status_code, sorted(headers.items())]).encode())
    for chunk in chunks:
        digest.update(b"\0nonce\0")
        digest.update(chunk)
    return {
        "chunks": chunks,
        "headers": headers,
        "cookies": cookies,
        "etag": quote_etag(digest.hexdigest()[:32]),
        "created": int(time.time()),
    }


def _set_validators(response, entry):
    response["ETag"] = f"W/{entry['etag']}"
    response["Last-Modified"] = http_date(entry["created"])


def _public_headers(response):
    if response.cookies:
        patch_cache_control(response, private=True, max_age=settings.RESPONSE_CACHE_MAX_AGE)
    else:
        patch_cache_control(response, public=True, max_age=settings.RESPONSE_CACHE_MAX_AGE)


def _from_entry(request, entry):
    """The stored page for this request, or a 304 if the client's copy is the same."""
    from .personas import set_persona_cookie

    response = HttpResponse()
    for name, value in entry["headers"].items():
        response[name] = value
    for name, value in entry["cookies"].items():
        if name == settings.PERSONA_COOKIE_NAME:
            set_persona_cookie(response, value)
    _set_validators(response, entry)
    _public_headers(response)
    conditional = get_conditional_response(
        request, etag=response["ETag"], last_modified=entry["created"], response=response
    )
    if conditional is not response:
        # The client keeps its copy with that copy's CSP nonce: no new policy for it.
        conditional._csp_exempt = True
        return conditional
    chunks = entry["chunks"]
    response.content = str(request.csp_nonce).encode().join(chunks) if len(chunks) > 1 else chunks[0]
    response["X-Response-Cache"] = "hit"
    return response


def cached_page(view=None, *, persona_cookie=True, max_seconds=None):
    """Decorator of a public reader view (see the module's docstring). ``persona_cookie``:
    whether the page adapts to the reader's persona (the cookie is then part of the key).
    ``max_seconds``: the name of a setting: keep its pages at most that many seconds."""

    def decorate(view_func):
        view_name = f"{view_func.__module__}.{view_func.__qualname__}"

        @functools.wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or is_staff_request(request):
                response = view_func(request, *args, **kwargs)
                if request.method in ("GET", "HEAD"):
                    add_never_cache_headers(response)  # private, no-store: staff see it fresh
                return response
            seconds = settings.RESPONSE_CACHE_SECONDS
            if max_seconds is not None:
                seconds = min(seconds, getattr(settings, max_seconds))
            if seconds <= 0:
                return view_func(request, *args, **kwargs)
            key = page_key(request, view_name, persona_cookie=persona_cookie)
            found = cache.get_many([VERSION_KEY, NEXT_PUBLICATION_KEY, key])
            token = found.get(VERSION_KEY) or current_version()
            next_publication = found.get(NEXT_PUBLICATION_KEY)
            if next_publication is None:  # the cache lost it
                refresh_schedule()
                next_publication = cache.get(NEXT_PUBLICATION_KEY) or 0
            if next_publication and time.time() >= next_publication:
                # A scheduled article went live: what lists and links show has changed.
                bump(schedule=True)
                token = current_version()
            entry = found.get(key)
            if entry is not None and entry.get("version") == token:
                try:
                    return _from_entry(request, entry)
                except (KeyError, TypeError, ValueError):
                    logger.warning("Response cache entry of another shape under %s: ignored", key)
            building = _request_version.set(token)
            computed = _Shared()
            sharing = _request_shared.set(computed)
            try:
                response = view_func(request, *args, **kwargs)
            finally:
                _request_version.reset(building)
                _request_shared.reset(sharing)
            # What the page's siblings may share (shared()), kept no longer than the page: a
            # view that keeps its pages briefly (search: every query typed) keeps that briefly too.
            to_write = computed.pending
            if not _storable(request, response):
                if to_write:
                    cache.set_many(to_write, seconds)
                return response
            entry = _entry_of(request, response)
            entry["version"] = token  # read before the page was built: a change meanwhile outdates it
            cache.set_many({**to_write, key: entry}, seconds)  # one round trip
            _set_validators(response, entry)
            _public_headers(response)
            response["X-Response-Cache"] = "miss"
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=entry["created"], response=response
            )

        wrapper.response_cache = True
        return wrapper

    return decorate(view) if view is not None else decorate
