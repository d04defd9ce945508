"""The floor of the benchmark of record: the project's own Django, one constant page more.

``bench.floor.application`` is ``config.wsgi``'s application with the same settings module and
the same middleware stack, and a URL configuration that is the project's (``config.urls``) with
one route in front: ``/bench-floor/``, a view that returns a constant page (no database, no
template). gunicorn serves every measured page through it, so the floor and the pages share
one server, one run, one set of settings; the only difference for a project page is one more
URL pattern tried first.
"""

from django.http import HttpResponse
from django.urls import path

import config.urls as project_urls

FLOOR_PAGE = (
    b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Floor</title></head>"
    b"<body><h1>Floor</h1><p>A constant page: the least a Django request costs here.</p></body></html>"
)


def floor(request):
    return HttpResponse(FLOOR_PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench-floor/", floor, name="bench_floor"), *project_urls.urlpatterns]
handler403 = project_urls.handler403
handler500 = project_urls.handler500
