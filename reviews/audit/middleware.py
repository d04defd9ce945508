"""Who is acting in this request, for audit events written by signal receivers."""

from contextvars import ContextVar

from config.security import client_ip

_current = ContextVar("audit_request", default=None)


def current_request():
    return _current.get()


class AuditContextMiddleware:
    """After AuthenticationMiddleware: makes the request known to the audit receivers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(request)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


def request_actor_and_ip(request=None):
    request = request or current_request()
    if request is None:
        return None, None
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    return actor, client_ip(request)
