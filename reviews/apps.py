from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Medical review")

    def ready(self):
        from django.db.models.signals import post_migrate

        from articles import roles as article_roles

        from . import gate, roles, search, versioning

        versioning.register_models()
        roles.add_review_permissions()
        # The review permissions exist only once this app's own post_migrate created them:
        # apply the roles (again) then.
        post_migrate.connect(article_roles.ensure_roles_after_migrate, sender=self)
        gate.install()
        search.connect()
