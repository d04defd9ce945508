from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # Registered here, not with decorators in models.py: modeltranslation adds the
        # per-language columns (title_en, ...) in its own ready(), which runs first, and
        # reversion records the field list when register() runs (see docs/pitfalls).
        from django.db.models.signals import post_migrate

        from .editing import translation_queue, versioning
        from .public import related_lists, response_cache
        from .rendering import prerender
        from .search import index as search_index
        from .staff import roles

        versioning.register_models()
        search_index.connect()
        translation_queue.connect()  # the stored translation queue follows articles and versions
        response_cache.connect()  # reader pages: every change of what they show bumps the version
        prerender.connect()  # render each language x persona when an article is saved
        related_lists.connect()  # drop the stored related lists a change may reorder
        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)
