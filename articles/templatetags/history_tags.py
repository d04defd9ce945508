"""Template helpers for the admin's history pages."""

from django import template

from ..editing.history import revision_time as _revision_time

register = template.Library()


@register.filter
def revision_time(moment):
    """A revision's date and time, to the second (``articles.editing.history.revision_time``)."""
    return _revision_time(moment) if moment else ""
