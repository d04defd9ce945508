from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from . import versioning
from .models import Reference
from .versioning import UnchangedSaveMakesNoRevisionMixin

# Registered before VersionAdmin would auto-register the model with its defaults (the admin
# is imported before ReferencesConfig.ready() runs).
versioning.register_models()


@admin.register(Reference)
class ReferenceAdmin(UnchangedSaveMakesNoRevisionMixin, VersionAdmin):
    list_display = (
        "key",
        "short_title",
        "evidence",
        "issued_year",
        "doi",
        "pmid",
        "retracted",
        "citing_article_count",
    )
    list_filter = ("evidence", "retracted", "csl_type")
    search_fields = ("key", "title", "doi", "pmid")
    ordering = ("key",)
    fieldsets = (
        (None, {"fields": ("key", "csl_type", "evidence", "retracted")}),
        (_("Source"), {"fields": ("title", "authors", "container_title", "publisher")}),
        (_("Issued"), {"fields": ("issued_year", "issued_month", "issued_day", "volume", "issue", "pages")}),
        (_("Identifiers"), {"fields": ("doi", "pmid", "url")}),
        (_("Other CSL fields"), {"fields": ("csl_extra",), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_citing_article_count()

    @admin.display(description=_("title"), ordering="title")
    def short_title(self, obj):
        return Truncator(obj.title).chars(80)

    @admin.display(description=_("citing articles"), ordering="citing_article_count")
    def citing_article_count(self, obj):
        return obj.citing_article_count
