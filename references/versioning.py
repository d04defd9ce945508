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


class CommentInViewersLanguageMixin:
    """For a VersionAdmin: the revision comment of an admin save is the log entry's change
    message as data (Django's JSON), not as reversion keeps it, worded in the language of
    whoever saved ("已修改标题。" for everyone). Revision.get_comment(), which every history
    page shows, words the data in the language of whoever reads. Goes before VersionAdmin."""

    def log_addition(self, request, obj, message):
        return self._comment_from(super().log_addition(request, obj, message))

    def log_change(self, request, obj, message):
        return self._comment_from(super().log_change(request, obj, message))

    @staticmethod
    def _comment_from(entry):
        if entry is not None and reversion.is_active() and entry.change_message.startswith("["):
            reversion.set_comment(entry.change_message)
        return entry
