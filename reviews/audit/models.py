from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """An audit event may be written once, never changed or deleted."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit trail is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit trail is append-only.")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        SIGN_OFF = "sign_off", _("Sign-off")
        REVIEW_STEP = "review_step", _("Review step")
        ROLE_CHANGE = "role_change", _("Role change")
        LOGIN_FAILED = "login_failed", _("Login failure")
        LOCKOUT = "lockout", _("Lockout")
        PUBLISH = "publish", _("Publish")
        UNPUBLISH = "unpublish", _("Unpublish")
        DELETE = "delete", _("Delete")
        RESTORE = "restore", _("Restore")

    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    # Who acted, as a name and id rather than a foreign key: deleting an account must not
    # change (or be blocked by) the record of what it did.
    actor = models.CharField(_("by"), max_length=150, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    detail = models.TextField(_("detail"), blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-time", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise AppendOnlyError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit trail is append-only.")
