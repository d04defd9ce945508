"""Reverting and recovering articles respect the same rights as editing them.

Reversion's revert (``<pk>/history/<version id>/``) and recover (``recover/<version id>/``)
write the old revision to the database before the change form runs, so the form's and
save_model's checks would compare against the restored row. ``RestoreRightsAdminMixin`` (in
ArticleAdmin's bases, before the history mixin) compares what restoring would change with the
user's rights (``articles/staff/rights.py``) first, on GET and POST alike. A refusal writes
nothing: the user is sent back to the history (or the article list) with a message saying why.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from reversion.models import Version

from ..staff import rights


class RestoreRightsAdminMixin:
    def _refuse(self, request, message, obj=None):
        messages.error(request, message)
        site, info = self.admin_site.name, f"{self.opts.app_label}_{self.opts.model_name}"
        if obj is not None and self.has_view_or_change_permission(request, obj):
            url = reverse(f"{site}:{info}_history", args=[quote(obj.pk)])
        elif self.has_view_or_change_permission(request):
            url = reverse(f"{site}:{info}_changelist")
        else:
            url = reverse(f"{site}:index")
        return HttpResponseRedirect(url)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        version = (
            Version.objects.get_for_object(obj).filter(pk=version_id).first() if obj is not None else None
        )
        if version is None or not self.has_view_or_change_permission(request, obj):
            # Not an article, not a revision of it, or an article the user may not even see:
            # the history mixin answers (404, 403).
            return super().revision_view(request, object_id, version_id, extra_context)
        if not self.has_change_permission(request, obj):
            return self._refuse(
                request,
                _("You may read the history of this article but not restore one of its revisions."),
                obj,
            )
        refusal = rights.revert_refusal(request.user, obj, version)
        if refusal:
            return self._refuse(request, refusal, obj)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = Version.objects.filter(
            pk=version_id, content_type=ContentType.objects.get_for_model(self.model)
        ).first()
        if version is None:
            return super().recover_view(request, version_id, extra_context)  # 404
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            return self._refuse(request, _("You may not recover deleted articles: ask an editor."))
        existing = self.model._default_manager.filter(pk=version.object_id).first()
        if existing is not None:  # not deleted after all: restoring it is a revert
            refusal = rights.revert_refusal(request.user, existing, version)
        else:
            refusal = rights.recover_refusal(request.user, version)
        if refusal:
            return self._refuse(request, refusal)
        return super().recover_view(request, version_id, extra_context)
