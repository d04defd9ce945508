from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Medical review")

    def ready(self):
        from django.db.models.signals import post_migrate, post_save, pre_save

        from articles.files import demo_hooks
        from articles.public import response_cache
        from articles.staff import roles as article_roles
        from references.models import Reference

        from .audit import receivers as audit_receivers
        from .hooks import demo, gate, list_column, live, retractions, roles, search, versioning

        versioning.register_models()
        roles.add_review_permissions()
        # The review permissions exist only once this app's own post_migrate created them:
        # apply the roles (again) then.
        post_migrate.connect(article_roles.ensure_roles_after_migrate, sender=self)
        gate.install()
        pre_save.connect(retractions.remember_retracted_flag, sender=Reference, dispatch_uid="reviews-retracted-flag")
        post_save.connect(retractions.on_reference_saved, sender=Reference, dispatch_uid="reviews-retraction")
        demo_hooks.register(demo.load_demo_reviews)
        audit_receivers.connect()
        search.connect()
        list_column.register()
        live.connect()
        watch_reader_models(response_cache)


def watch_reader_models(response_cache):
    """What article pages and the board page show of this app: a change of any of these is
    a new content version of the cached reader pages (articles never imports reviews)."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save
    from reversion.models import Revision, Version

    from .models import BoardMember, Review, ReviewEvent, ReviewSchedule, SignOff

    for model in (Review, SignOff, BoardMember, ReviewEvent, ReviewSchedule):
        response_cache.watch(model)
    # Reviewers are named from their accounts; a login (last_login) changes nothing shown.
    response_cache.watch(get_user_model(), ignore_update_fields={"last_login"})
    # Under REVIEW_GATE=approval pages show text kept in the history (an approved revision).
    response_cache.watch(Version)
    response_cache.watch(Revision)
    post_save.connect(_prerender_approved_text, dispatch_uid="reviews-prerender-approved")


def _prerender_approved_text(sender, instance, **kwargs):
    """Under REVIEW_GATE=approval an approval changes the text readers see: render it now."""
    from django.conf import settings

    from articles.rendering import prerender

    from .models import Review

    if (sender._meta.concrete_model is Review and settings.REVIEW_GATE == "approval"
            and settings.PRERENDER_ON_SAVE and instance.approved_fingerprint):
        prerender.schedule(instance.article_id)
