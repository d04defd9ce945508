"""The JavaScript catalogue of our own scripts (the workbench in the article form):
``/<lang>/jsi18n/``, Django's JavaScriptCatalog over the ``djangojs`` domain of ``locale/``.

The language is in the address (i18n_patterns), so a response is the same for everyone who
asks for it: public and cached by browsers for a day. Pages ask for it with ``?v=`` the
version of the compiled catalogues (``catalogue_version()``), so a new translation is fetched
at once; a conditional GET is answered 304 from the catalogues' modification time.
"""

import datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog

MAX_AGE = 24 * 60 * 60


@cache
def _compiled_at():
    """When the newest compiled djangojs catalogue was written (read once per process)."""
    times = [
        path.stat().st_mtime
        for directory in settings.LOCALE_PATHS
        for path in Path(directory).glob("*/LC_MESSAGES/djangojs.mo")
    ]
    return datetime.datetime.fromtimestamp(int(max(times, default=0)), tz=datetime.UTC)


def catalogue_version():
    return str(int(_compiled_at().timestamp()))


def catalogue_url():
    """The address of the catalogue in the active language, with its version."""
    return f"{reverse('javascript-catalog')}?v={catalogue_version()}"


javascript_catalog = cache_control(public=True, max_age=MAX_AGE)(
    last_modified(lambda request, **kwargs: _compiled_at())(
        # Our strings only: the catalogues of LOCALE_PATHS (Django adds them to any package's).
        JavaScriptCatalog.as_view(packages=["articles"])
    )
)
