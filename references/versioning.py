"""django-reversion registration of the reference library, and the admin rule that a save
which changes nothing makes no revision."""

import reversion

from .models import Reference


def register_models():
    if not reversion.is_registered(Reference):
        reversion.register(Reference, ignore_duplicates=True)


class UnchangedSaveMakesNoRevisionMixin:
    """For a VersionAdmin without inlines: a change form submitted without any change saves
    nothing, so no revision and no log entry. (ignore_duplicates alone cannot tell, since an
    auto_now timestamp, kept in versions so that deleted objects can be recovered, differs.)"""

    def _unchanged(self, request, form, change):
        return change and not form.has_changed() and getattr(request, "_reversion_restoring", None) is None

    def save_model(self, request, obj, form, change):
        if self._unchanged(request, form, change):
            request._save_was_noop = True
            return
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        if getattr(request, "_save_was_noop", False):
            return None
        return super().log_change(request, obj, message)
