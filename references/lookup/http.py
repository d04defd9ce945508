"""The HTTP client of the lookups: GET a JSON document from Crossref or NCBI.

Every failure is a :class:`LookupFailed` whose message is one sentence for the person
using the admin or reading the command's output; nothing else escapes (no traceback).
Base URLs, contact address, timeout and the pause between requests come from settings.
"""

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _

MAX_RESPONSE_BYTES = 10 * 1024 * 1024
MAX_RETRY_AFTER = 10  # seconds we wait when a service asks us to slow down (HTTP 429)


class LookupFailed(Exception):
    """A lookup that gave no usable answer; str() is the message to show."""


class ServiceUnreachable(LookupFailed):
    """No answer at all: offline, refused, timed out, DNS failure."""


class RecordNotFound(LookupFailed):
    """The service answered that it has no such record."""


class BadResponse(LookupFailed):
    """The service answered, but not with what it documents (an error status, broken JSON)."""


def user_agent():
    mailto = settings.REFERENCE_LOOKUP_MAILTO
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"MedCMS/1.0 (reference lookup{contact})"


_last_request = {}
_pace_lock = threading.Lock()


def _pace(service):
    """Wait so that two requests to one service are at least REFERENCE_LOOKUP_INTERVAL apart."""
    interval = settings.REFERENCE_LOOKUP_INTERVAL
    with _pace_lock:
        wait = _last_request.get(service, 0) + interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        _last_request[service] = time.monotonic()


def _seconds(value):
    return f"{value:g}"


def _unreachable(service, reason):
    return ServiceUnreachable(
        _("%(service)s could not be reached (%(reason)s): fill the fields by hand.")
        % {"service": service, "reason": reason}
    )


def _timed_out(service):
    return _unreachable(
        service, _("timed out after %(seconds)s s") % {"seconds": _seconds(settings.REFERENCE_LOOKUP_TIMEOUT)}
    )


def get(url, *, service, params=None, not_found=None):
    """The body (bytes) of GET url?params. ``not_found``: the message for HTTP 404."""
    if not url.lower().startswith(("https://", "http://")):
        raise _unreachable(service, _("its address in the settings is not an http(s) URL"))
    if params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    headers = {"User-Agent": user_agent(), "Accept": "application/json"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (http(s) only, checked above)
    for attempt in (1, 2):
        _pace(service)
        try:
            with urllib.request.urlopen(request, timeout=settings.REFERENCE_LOOKUP_TIMEOUT) as response:  # noqa: S310
                body = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as error:
            if error.code == 404 and not_found:
                raise RecordNotFound(not_found) from None
            if error.code == 429 and attempt == 1:
                time.sleep(_retry_after(error.headers.get("Retry-After")))
                continue
            raise BadResponse(
                _("%(service)s answered with an error (HTTP %(status)s); try again later or fill the fields by hand.")
                % {"service": service, "status": error.code}
            ) from None
        except TimeoutError:
            raise _timed_out(service) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _timed_out(service) from None
            raise _unreachable(service, _reason(error.reason)) from None
        except (OSError, ValueError) as error:  # connection reset mid-answer, a malformed URL in settings
            raise _unreachable(service, _reason(error)) from None
        if len(body) > MAX_RESPONSE_BYTES:
            raise BadResponse(_("%(service)s sent an answer too large to be a record.") % {"service": service})
        return body
    raise AssertionError("unreachable")  # pragma: no cover


def get_json(url, *, service, params=None, not_found=None):
    body = get(url, service=service, params=params, not_found=not_found)
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadResponse(
            _("%(service)s sent an answer that is not valid JSON; try again later or fill the fields by hand.")
            % {"service": service}
        ) from None


def _retry_after(value):
    try:
        return min(max(float(value), 0), MAX_RETRY_AFTER)
    except (TypeError, ValueError):
        return 1


def _reason(reason):
    if isinstance(reason, ConnectionRefusedError):
        return _("connection refused")
    if isinstance(reason, socket.gaierror):
        return _("the name of the server could not be resolved; is this machine offline?")
    return str(getattr(reason, "strerror", None) or reason)
