from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferencesConfig(AppConfig):
    name = "references"
    verbose_name = _("References")

    def ready(self):
        import reversion

        from .models import Reference

        if not reversion.is_registered(Reference):
            reversion.register(Reference, ignore_duplicates=True)
