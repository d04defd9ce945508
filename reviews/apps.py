from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Medical review")

    def ready(self):
        from django.db.models.signals import post_migrate, post_save, pre_save

        from articles import demo_hooks
        from articles import roles as article_roles
        from references.models import Reference

        from . import demo, gate, live, retractions, roles, search, versioning
        from .audit import receivers as audit_receivers

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
        live.connect()
