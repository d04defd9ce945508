from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from . import versioning
from .exports import export_response
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
    actions = ("export_ris", "export_bibtex", "export_csl_json")
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

    # Exports read, they change nothing: anyone who may see the list may download it.
    @admin.action(description=_("Download the selected references as RIS"), permissions=["view"])
    def export_ris(self, request, queryset):
        return export_response(queryset.order_by("key"), "ris", "references")

    @admin.action(description=_("Download the selected references as BibTeX"), permissions=["view"])
    def export_bibtex(self, request, queryset):
        return export_response(queryset.order_by("key"), "bib", "references")

    @admin.action(description=_("Download the selected references as CSL-JSON"), permissions=["view"])
    def export_csl_json(self, request, queryset):
        return export_response(queryset.order_by("key"), "json", "references")
