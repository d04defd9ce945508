"""Error pages: every refusal says why, in the reader's language (handlers in config/urls.py).

500.html and 503.html are rendered without a request context, so they use no database and no
context processors, only the active language (set by LocaleMiddleware before the error) and
static CSS.
"""

import sys

from django.contrib import admin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

# Seconds a client (or a load balancer) is asked to wait before trying again in an outage.
RETRY_AFTER = 30


def permission_denied(request, exception=None):
    """403 with the reason the view gave (PermissionDenied's message), if any.

    Staff under /admin/ get it inside the admin's frame; everyone else inside the site's.
    """
    reason = str(exception or "")
    user = getattr(request, "user", None)
    if request.path.startswith(reverse("admin:index")) and user is not None and user.is_active and user.is_staff:
        context = {**admin.site.each_context(request), "title": _("You may not open this page"), "reason": reason}
        return render(request, "admin/403.html", context, status=403)
    return render(request, "403.html", {"reason": reason}, status=403)


def server_error(request):
    """500, or 503 with Retry-After when the database cannot be reached (an outage, not a bug).

    Django calls this inside its ``except`` block, so ``sys.exc_info()`` is the error. Nothing
    is half-written: the admin and the imports write in transactions, which the database rolls
    back when the connection breaks.
    """
    error = sys.exc_info()[1]
    if not is_database_outage(error):
        return django_server_error(request)
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def is_database_outage(error):
    """True for errors that mean "the database cannot be used now" (refused or lost connection,
    shutdown, a locked SQLite file), as opposed to a bad query (ProgrammingError, DataError,
    IntegrityError: bugs, which stay 500)."""
    return isinstance(error, OperationalError | InterfaceError)
