import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.admin import VersionAdmin

from config.admin_lists import is_changelist

from . import versioning
from .exports import export_response
from .forms import LOOKUP_BUTTON, ReferenceForm
from .lookup.fill import lookup
from .lookup.http import LookupFailed
from .models import Reference
from .versioning import CommentInViewersLanguageMixin, UnchangedSaveMakesNoRevisionMixin

# Registered before VersionAdmin would auto-register the model with its defaults (the admin
# is imported before ReferencesConfig.ready() runs).
versioning.register_models()

# Form fields a lookup may fill, in the order they are named in the message.
FILLABLE = (
    "csl_type", "title", "authors", "authors_incomplete", "container_title", "publisher", "issued_year", "issued_month",
    "issued_day", "volume", "issue", "pages", "doi", "pmid", "evidence",
)


@admin.register(Reference)
class ReferenceAdmin(UnchangedSaveMakesNoRevisionMixin, CommentInViewersLanguageMixin, VersionAdmin):
    form = ReferenceForm
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
    search_fields = ("key", "title", "doi", "pmid")  # shows the search box; see get_search_results
    ordering = ("key",)
    actions = ("export_ris", "export_bibtex", "export_csl_json")
    readonly_fields = ("corrections",)
    fieldsets = (
        (gettext_lazy("Fill from DOI or PMID"), {"fields": ("lookup",)}),
        (None, {"fields": ("key", "csl_type", "evidence")}),
        (gettext_lazy("Source"), {"fields": ("title", "authors", "authors_incomplete", "container_title", "publisher")}),
        (gettext_lazy("Issued"), {"fields": ("issued_year", "issued_month", "issued_day", "volume", "issue", "pages")}),
        (gettext_lazy("Identifiers"), {"fields": ("doi", "pmid", "url")}),
        (
            gettext_lazy("Retraction and corrections"),
            {"fields": ("retracted", "retracted_on", "retraction_notice_doi", "retraction_source", "corrections")},
        ),
        (gettext_lazy("Other CSL fields"), {"fields": ("csl_extra",), "classes": ("collapse",)}),
    )

    # What the list does not show: left out of its query.
    LIST_DEFERRED = ("authors", "csl_extra", "csl_source", "correction_notices")

    def get_search_results(self, request, queryset, search_term):
        """Every word in the key, title, authors, journal, DOI or PMID (Reference.objects.matching),
        as the article form's citation picker searches."""
        if not search_term.strip():
            return queryset, False
        return queryset.matching(search_term), False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_changelist(request, self):
            return queryset.defer(*self.LIST_DEFERRED).with_citing_article_count()
        return queryset

    @admin.display(description=gettext_lazy("title"), ordering="title")
    def short_title(self, obj):
        return Truncator(obj.title).chars(80)

    @admin.display(description=gettext_lazy("citing articles"), ordering="citing_article_count")
    def citing_article_count(self, obj):
        return obj.citing_article_count

    # Exports read, they change nothing: anyone who may see the list may download it.
    @admin.action(description=gettext_lazy("Download the selected references as RIS"), permissions=["view"])
    def export_ris(self, request, queryset):
        return export_response(queryset.defer(None).order_by("key"), "ris", "references")

    @admin.action(description=gettext_lazy("Download the selected references as BibTeX"), permissions=["view"])
    def export_bibtex(self, request, queryset):
        return export_response(queryset.defer(None).order_by("key"), "bib", "references")

    @admin.action(description=gettext_lazy("Download the selected references as CSL-JSON"), permissions=["view"])
    def export_csl_json(self, request, queryset):
        return export_response(queryset.defer(None).order_by("key"), "json", "references")

    @admin.display(description=gettext_lazy("correction notices"))
    def corrections(self, obj):
        notices = [notice for notice in obj.correction_notices or [] if isinstance(notice, dict)]
        if not notices:
            return "—"
        return format_html_join(
            format_html("<br>"),
            '{} <a href="https://doi.org/{}" rel="noopener">{}</a> {}',
            ((notice.get("type", ""), notice.get("doi", ""), notice.get("doi", ""), notice.get("date") or "")
             for notice in notices),
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.has_change_permission(request, obj):
            fieldsets = [(name, options) for name, options in fieldsets if "lookup" not in options["fields"]]
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if getattr(request, "_reference_lookup_only", False):
            return _lookup_only(form)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and LOOKUP_BUTTON in request.POST:
            self._fill_from_lookup(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _fill_from_lookup(self, request, object_id):
        """Replace the posted values with what Crossref or PubMed has; the form is then shown
        again, filled, and nothing is saved (the form refuses to validate in this request)."""
        obj = self.get_object(request, object_id) if object_id else None
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        data = request.POST.copy()
        identifier = data.get("lookup", "").strip() or data.get("doi", "").strip() or data.get("pmid", "").strip()
        request._reference_lookup_only = True
        if not identifier:
            messages.error(request, _("Type a DOI or a PubMed ID to fill the form from."))
            return
        try:
            filled = lookup(identifier)
        except LookupFailed as error:
            messages.error(request, str(error))
            return
        _apply(data, filled.fields)
        data["lookup"] = ""
        request.POST = data
        names = [str(Reference._meta.get_field(name).verbose_name) for name in FILLABLE if name in filled.fields]
        message = _("Filled from %(service)s: %(fields)s. Check them, then save.") % {
            "service": filled.service,
            "fields": ", ".join(names),
        }
        if filled.suggested_evidence:
            message += " " + _("Evidence type suggested from PubMed's publication types and MeSH headings: %(evidence)s.") % {
                "evidence": filled.suggested_evidence
            }
        messages.success(request, message)


def _lookup_only(form_class):
    class LookupOnlyForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, lookup_only=True, **kwargs)

    LookupOnlyForm.__name__ = form_class.__name__
    return LookupOnlyForm


def _apply(data, fields):
    """Put looked-up values into a posted form's data (authors as rows)."""
    for name, value in fields.items():
        if name == "authors":
            for key in [key for key in data if key.startswith("authors-")]:
                del data[key]
            for index, author in enumerate(value):
                for part in ("family", "given", "literal"):
                    data[f"authors-{index}-{part}"] = author.get(part, "")
                extra = {key: part for key, part in author.items() if key not in ("family", "given", "literal")}
                data[f"authors-{index}-extra"] = json.dumps(extra, ensure_ascii=False) if extra else ""
            data["authors-rows"] = str(len(value))
        elif name == "authors_incomplete":
            if value:
                data[name] = "on"
            else:
                data.pop(name, None)  # an unticked box is not posted
        elif name == "csl_extra":
            try:
                current = json.loads(data.get("csl_extra") or "{}")
            except ValueError:
                current = {}
            if isinstance(current, dict):
                data["csl_extra"] = json.dumps({**current, **value}, ensure_ascii=False, indent=2)
        else:
            data[name] = "" if value is None else str(value)
