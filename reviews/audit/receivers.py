"""What writes the audit trail: receivers of signals from Django, django-axes, articles,
references and this app. Connected once, in ReviewsConfig.ready()."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils.translation import gettext_noop

from articles.models import Article
from articles.signals import article_restored
from references.models import Reference

from ..models import ReviewEvent, SignOff
from .models import AuditEvent
from .recording import record

Action = AuditEvent.Action
ROLE_FLAGS = ("is_staff", "is_superuser", "is_active")


def connect():
    User = get_user_model()
    post_save.connect(on_sign_off, sender=SignOff, dispatch_uid="audit-sign-off")
    post_save.connect(on_review_event, sender=ReviewEvent, dispatch_uid="audit-review-step")
    m2m_changed.connect(on_groups_changed, sender=User.groups.through, dispatch_uid="audit-groups")
    pre_save.connect(on_user_saving, sender=User, dispatch_uid="audit-user-flags")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit-login-failed")
    pre_save.connect(on_article_saving, sender=Article, dispatch_uid="audit-publish")
    post_delete.connect(on_deleted, sender=Article, dispatch_uid="audit-delete-article")
    post_delete.connect(on_deleted, sender=Reference, dispatch_uid="audit-delete-reference")
    article_restored.connect(on_restored, dispatch_uid="audit-restore")
    try:
        from axes.signals import user_locked_out
    except ImportError:  # django-axes not installed: no lockouts to log
        return
    user_locked_out.connect(on_locked_out, dispatch_uid="audit-lockout")


def on_sign_off(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        review = instance.review
        record(
            Action.SIGN_OFF, review.article, actor=instance.reviewer,
            detail=f"{review.language}: revision {instance.revision_id} approved",
        )


def on_review_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.action != ReviewEvent.Action.APPROVE:
        review = instance.review
        detail = f"{review.language}: {instance.action} ({instance.from_state} -> {instance.to_state})"
        if instance.comment:
            detail += f"\n{instance.comment}"
        record(Action.REVIEW_STEP, review.article, actor=instance.user, detail=detail)


def on_groups_changed(sender, instance, action, pk_set, reverse, model, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    verb = {"post_add": "added to", "post_remove": "removed from", "pre_clear": "removed from"}[action]
    if reverse:  # group.user_set.add(...): instance is the group, pk_set the users
        users = list(model.objects.filter(pk__in=pk_set or ()))
        for user in users:
            record(Action.ROLE_CHANGE, user, detail=f"{verb} {instance.name}")
        return
    groups = instance.groups.all() if action == "pre_clear" else model.objects.filter(pk__in=pk_set or ())
    names = sorted(group.name for group in groups)
    if names:
        record(Action.ROLE_CHANGE, instance, detail=f"{verb} {', '.join(names)}")


def on_user_saving(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values(*ROLE_FLAGS).first()
    if stored is None:
        return
    changes = [f"{flag}: {stored[flag]} -> {getattr(instance, flag)}" for flag in ROLE_FLAGS
               if stored[flag] != getattr(instance, flag)]
    if changes:
        record(Action.ROLE_CHANGE, instance, detail="; ".join(changes), on_commit=True)


def on_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")
    record(Action.LOGIN_FAILED, None, request=request, object_repr=str(username)[:150],
           detail=gettext_noop("wrong username or password"))


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record(Action.LOCKOUT, None, request=request, object_repr=str(username or "")[:150],
           detail=f"locked out after repeated failures from {ip_address or 'unknown address'}")


def on_article_saving(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first() if instance.pk else None
    published = Article.Status.PUBLISHED
    if instance.status == published and old != published:
        record(Action.PUBLISH, instance, detail=f"{old or 'new'} -> {instance.status}", on_commit=True)
    elif old == published and instance.status != published:
        record(Action.UNPUBLISH, instance, detail=f"{old} -> {instance.status}", on_commit=True)


def on_deleted(sender, instance, **kwargs):
    record(Action.DELETE, instance, on_commit=True)


def on_restored(sender, article, version, mode, user=None, **kwargs):
    record(Action.RESTORE, article, actor=user, detail=f"{mode} of revision {version.revision_id}")
