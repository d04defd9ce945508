"""Security headers and login throttling: the Permissions-Policy header, who the client is
(django-axes, the follow-up rate limit) and what a locked-out user sees."""

from django.conf import settings
from django.shortcuts import render

LOCKED_OUT_STATUS = 429


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the
    outermost trusted proxy saw (X-Forwarded-For is appended to by each hop, so only the last
    TRUSTED_PROXY_COUNT entries were written by proxies we run; anything left of them may be forged)."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if hops > 0 and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The styled "signing in is paused" page (AXES_LOCKOUT_CALLABLE), status 429."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "account_locked.html", context, status=LOCKED_OUT_STATUS)


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY (Django has no setting for this header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
