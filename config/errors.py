"""Error pages: every refusal says why, in the reader's language (handler403 in config/urls.py).

500.html is rendered by Django's own server_error view: without a request context, so it uses
no database and no context processors, only the active language and static CSS.
"""

from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _


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
