"""Which text of each language version readers are shown.

By default the stored (live) text of every complete language version. A higher app may install
a provider with ``set_provider()``: the reviews app does, and under ``REVIEW_GATE=approval`` it
returns the last approved text of each language version and leaves out the versions never
approved. articles never imports that app.

A provider takes a list of articles and returns ``{article.pk: {lang: ShownText}}`` listing,
for each article, exactly the language versions readers may see; or None to show the live text.
It should cost a fixed number of queries for the whole list. It may come with a ``dates``
provider: the same answer without the texts, ``{article.pk: {lang: updated}}``, for lists that
need only which versions are shown and when (the sitemap), so that no text is read for them.
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
_dates_provider = None


def set_provider(provider, dates=None):
    """Install ``provider`` and its ``dates`` (see the module docstring); None restores the live text."""
    global _provider, _dates_provider
    _provider, _dates_provider = provider, dates


def reader_versions(articles):
    """{article.pk: {lang: ShownText}} readers may see, or None: the live text of each version."""
    if _provider is None:
        return None
    return _provider(list(articles))


def reader_version_dates(articles):
    """{article.pk: {lang: when that text changed, or None}} of the versions readers may see, or
    None: the live text of each version. Reads no text when the provider has ``dates``."""
    if _provider is None:
        return None
    if _dates_provider is not None:
        return _dates_provider(list(articles))
    shown = _provider(list(articles))
    if shown is None:
        return None
    return {pk: {lang: text.updated for lang, text in versions.items()} for pk, versions in shown.items()}
