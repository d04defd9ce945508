"""The articles admin, one module per area."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..editing import versioning

# Register with reversion the way editing/versioning.py wants it (follow, ignore_duplicates)
# before VersionAdmin would auto-register the models with its own defaults: the admin
# is imported (autodiscover) before ArticlesConfig.ready() runs.
versioning.register_models()

from . import article, followups, glossary, staff, taxonomy, update_notes  # noqa: E402, F401  (registers the ModelAdmins)

admin.site.site_header = _("MedCMS")
admin.site.site_title = _("MedCMS administration")
admin.site.index_title = _("Content and medical review")
