"""Columns other apps add to the admin's article list (articles never imports them).

An app registers a column in its ``AppConfig.ready()``::

    list_columns.register_list_column("review_state", _("medical review"), values_for_rows)

``values(articles)`` gets the rows of one page of the list and returns ``{article.pk: html}``
(safe HTML, or plain text that is escaped); it must cost a fixed number of queries for the
whole page, whatever its size. A row missing from the answer shows "—". The admin
(``admin/article.py``) asks every column once per page, before the rows are shown, and puts
the columns before the "preview" link.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

EMPTY = "—"


@dataclass(frozen=True)
class ListColumn:
    name: str
    label: Any  # a (lazy) translated string
    values: Callable[[list], dict]


_COLUMNS = {}


def register_list_column(name, label, values):
    """Add (or replace) the column ``name``; see the module docstring."""
    _COLUMNS[name] = ListColumn(name, label, values)


def unregister_list_column(name):
    _COLUMNS.pop(name, None)


def list_columns():
    return list(_COLUMNS.values())


def fill(articles):
    """Ask every column for the values of ``articles`` (one page of the list) and keep them on
    each article, where ``value_of`` reads them."""
    articles = list(articles)
    for column in list_columns():
        values = column.values(articles) if articles else {}
        for article in articles:
            cache = article.__dict__.setdefault("_list_column_values", {})
            cache[column.name] = values.get(article.pk, EMPTY)


def value_of(column, article):
    """The value of ``column`` for ``article``: as filled for its page, else asked for alone."""
    cache = article.__dict__.get("_list_column_values") or {}
    if column.name not in cache:
        fill([article])
        cache = article.__dict__["_list_column_values"]
    return cache[column.name]
