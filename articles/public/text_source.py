"""Which text of each language version readers are shown.

By default the stored (live) text of every complete language version. A higher app may install
a provider with ``set_provider()``: the reviews app does, and under ``REVIEW_GATE=approval`` it
returns the last approved text of each language version and leaves out the versions never
approved. articles never imports that app.

A provider takes a list of articles and returns ``{article.pk: {lang: ShownText}}`` listing,
for each article, exactly the language versions readers may see; or None to show the live text.
It should cost a fixed number of queries for the whole list.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ShownText:
    fields: dict  # {"title": ..., "summary": ..., "body": ..., "plain_summary": ...}
    updated: datetime | None = None  # when that text last changed, if not the article's date


class NotShown(Exception):
    """No language version of the article may be shown to readers."""


_provider = None


def set_provider(provider):
    """Install ``provider`` (see the module docstring); None restores the live text."""
    global _provider
    _provider = provider


def reader_versions(articles):
    """{article.pk: {lang: ShownText}} readers may see, or None: the live text of each version."""
    if _provider is None:
        return None
    return _provider(list(articles))
