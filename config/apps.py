"""The admin app with our admin site (config/admin_site.py: two-factor authentication)."""

from django.contrib.admin.apps import AdminConfig


class MedCMSAdminConfig(AdminConfig):
    default_site = "config.admin_site.MedCMSAdminSite"

    def ready(self):
        super().ready()
        from . import checks  # noqa: F401  (registers the deployment checks)
