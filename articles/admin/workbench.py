"""The editor's workbench in the article form: writing help, live preview with the Markdown
problems and readability of the text as typed, the citation picker and server-side autosave.

Endpoints (all under the article admin, all behind the admin login, CSRF-checked posts):

- ``workbench/guide/``: the full writing guide (any staff account).
- ``workbench/preview/`` (POST the form's text fields, ``_workbench_article``,
  ``_preview_lang``, ``_preview_persona``): JSON ``{html, problems, readability}``; the page
  as that reader would get it (``articles/editing/workbench.py``), never cached, never saved.
- ``workbench/references/?q=``: JSON search of the reference library (at most 20).
- ``workbench/references/new/`` (POST ``identifier``, a DOI or PMID; with ``_confirm`` it is
  added): what Crossref or PubMed has for it, to confirm, then the new reference (its key made
  by ``references/keys.py``); a DOI or PMID already in the library gives that reference, added
  again never. Needs the right to add references (``references.add_reference``).
- ``workbench/autosave/`` (POST the text fields; ``_discard`` deletes instead): the user's
  unsaved text for that article, offered back when the form opens again.

Preview, picker and autosave need the right to change that article (the right to add one for
a new article); the form's "Preview" button does the same without JavaScript: the form is
shown again with the preview and the text as typed, nothing saved.
"""

from django.conf import settings
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorList
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from references.lookup.create import create_from_identifier, existing_reference, find
from references.lookup.http import BadResponse, LookupFailed, ServiceUnreachable

from ..editing import workbench
from ..editing.jsi18n import catalogue_url
from ..models import LANGUAGE_CODES, Persona, field_suffix
from .update_notes import published_notes_html

ARTICLE_FIELD = "_workbench_article"
PREVIEW_BUTTON = "_preview"
PREVIEW_LANG = "_preview_lang"
PREVIEW_PERSONA = "_preview_persona"
DISCARD = "_discard"
PREVIEW_ERROR_CODE = "workbench_preview"
PREVIEW_NOTE = _("Preview only: nothing was saved.")


class PreviewOnlyFormMixin:
    """A post with the "Preview" button never saves: the form stays invalid on purpose."""

    def clean(self):
        cleaned = super().clean()
        if PREVIEW_BUTTON in self.data:
            raise ValidationError(PREVIEW_NOTE, code=PREVIEW_ERROR_CODE)
        return cleaned


def language_labels():
    """{"en": "English", "zh_hans": "简体中文"}: each language named in its own words, keyed
    by the column suffix modeltranslation's tabs use."""
    labels = {}
    for code in LANGUAGE_CODES:
        try:
            labels[field_suffix(code)] = get_language_info(code)["name_local"]
        except KeyError:
            labels[field_suffix(code)] = dict(settings.LANGUAGES).get(code, code)
    return labels


class WorkbenchAdminMixin:
    """Goes first in ArticleAdmin's bases."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        urls = [
            path("workbench/guide/", wrap(self.writing_guide_view), name="{}_{}_writing_guide".format(*info)),
            path("workbench/preview/", wrap(self.live_preview_view), name="{}_{}_live_preview".format(*info)),
            path(
                "workbench/references/", wrap(self.reference_search_view), name="{}_{}_reference_search".format(*info)
            ),
            path(
                "workbench/references/new/", wrap(self.new_reference_view), name="{}_{}_new_reference".format(*info)
            ),
            path("workbench/autosave/", wrap(self.autosave_view), name="{}_{}_autosave".format(*info)),
        ]
        return urls + super().get_urls()

    # --- rights ------------------------------------------------------------------------

    def workbench_article(self, request, object_id):
        """The article the request is about (None: a new one), if the user may write it."""
        if object_id:
            obj = self.get_object(request, str(object_id))
            if obj is None:
                raise Http404(_("No such article."))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            return obj
        if not self.has_add_permission(request):
            raise PermissionDenied
        return None

    def may_use_workbench(self, request):
        return self.has_change_permission(request) or self.has_add_permission(request)

    # --- views -------------------------------------------------------------------------

    def writing_guide_view(self, request):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Writing guide"),
            "personas": Persona.objects.order_by("order", "code"),
        }
        return render(request, "admin/articles/article/writing_guide.html", context)

    @staticmethod
    def _posted_article_id(request):
        value = (request.POST.get(ARTICLE_FIELD) or "").strip()
        return value if value.isdigit() else None

    def live_preview_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.workbench_article(request, self._posted_article_id(request))
        return JsonResponse(self.preview_data(request, article, request.POST))

    def preview_data(self, request, article, data):
        texts = workbench.posted_texts(data, article)
        lang = data.get(PREVIEW_LANG) if data.get(PREVIEW_LANG) in LANGUAGE_CODES else LANGUAGE_CODES[0]
        persona = data.get(PREVIEW_PERSONA) or ""
        problems = workbench.text_problems(texts)
        page = workbench.preview_page(article, texts, lang=lang, persona_code=persona)
        html = render_to_string("admin/articles/article/_live_preview.html", {"page": page}, request=request)
        return {
            "html": html,
            "lang": page.lang,
            "persona": page.persona.code if page.persona else None,
            "problems": [problem.as_json() for problem in problems],
            "readability": workbench.readability_lines(texts),
        }

    def reference_search_view(self, request):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        if not self.may_use_workbench(request):
            raise PermissionDenied
        return JsonResponse({"results": workbench.search_library(request.GET.get("q", ""))})

    def new_reference_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        # Adding a reference is what this does: the right to add references decides, as in the
        # reference library's own form.
        if not request.user.has_perm("references.add_reference"):
            raise PermissionDenied
        identifier = (request.POST.get("identifier") or "").strip()
        if not identifier:
            return JsonResponse({"error": gettext("Type a DOI or a PubMed ID.")}, status=400)
        try:
            if "_confirm" in request.POST:
                reference, created = create_from_identifier(identifier, request.user)
                return JsonResponse(self._new_reference_answer(reference, created))
            existing = existing_reference(identifier)
            if existing is not None:
                return JsonResponse(self._new_reference_answer(existing, False))
            found = find(identifier)
        except LookupFailed as error:
            status = 502 if isinstance(error, ServiceUnreachable | BadResponse) else 400
            return JsonResponse({"error": str(error)}, status=status)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        if found.existing is not None:
            return JsonResponse(self._new_reference_answer(found.existing, False))
        return JsonResponse({
            "found": workbench.new_reference_preview(found),
            "message": gettext("%(service)s found this source. Add it to the library as [@%(key)s]?")
            % {"service": found.service, "key": found.key},
        })

    @staticmethod
    def _new_reference_answer(reference, created):
        if created:
            message = gettext("Added to the library as [@%(key)s].") % {"key": reference.key}
        else:
            message = gettext("Already in the library as [@%(key)s]: nothing was added.") % {"key": reference.key}
        return {"reference": workbench.reference_entry(reference), "created": created, "message": message}

    def autosave_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.workbench_article(request, self._posted_article_id(request))
        if DISCARD in request.POST:
            workbench.clear_autosave(request.user, article)
            if request.headers.get("Accept", "").startswith("application/json"):
                return JsonResponse({"discarded": True})
            if article is None:
                return HttpResponseRedirect(reverse("admin:articles_article_add"))
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        autosave = workbench.store_autosave(
            request.user, article, request.POST, request.POST.get("_language", ""), request.POST.get("base_revision", "")
        )
        return JsonResponse({"saved_at": workbench.saved_at_label(autosave)})

    # --- the change form ---------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (PreviewOnlyFormMixin, form), {})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if context.get("revert") or context.get("recover"):
            # Nothing to write with here, but the same fields: their tabs named by language.
            context["workbench_tabs"] = {
                "catalogue_url": catalogue_url(),
                "config": {"languageLabels": language_labels(), "mayWrite": False},
            }
        else:
            self._add_workbench_context(request, context, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _add_workbench_context(self, request, context, obj):
        context["published_notes"] = published_notes_html(obj, request.user)
        personas = list(Persona.objects.order_by("order", "code"))
        may_write = (obj is not None and self.has_change_permission(request, obj)) or (
            obj is None and self.has_add_permission(request)
        )
        context["workbench"] = {
            "may_write": may_write,
            "personas": personas,
            "languages": [(code, get_language_info(code)["name_local"]) for code in LANGUAGE_CODES],
            "article_id": obj.pk if obj is not None else "",
            "guide_url": reverse("admin:articles_article_writing_guide"),
            "catalogue_url": catalogue_url(),
            # The reference form (with its DOI/PMID lookup where it has one), for who may add.
            "add_reference_url": reverse("admin:references_reference_add")
            if request.user.has_perm("references.add_reference")
            else "",
            "config": {
                "previewUrl": reverse("admin:articles_article_live_preview"),
                "searchUrl": reverse("admin:articles_article_reference_search"),
                "autosaveUrl": reverse("admin:articles_article_autosave"),
                "newReferenceUrl": reverse("admin:articles_article_new_reference")
                if request.user.has_perm("references.add_reference")
                else "",
                "articleId": obj.pk if obj is not None else "",
                "languageLabels": language_labels(),
                "textFields": workbench.text_field_names(),
                "mayWrite": may_write,
            },
        }
        if not may_write:
            return
        autosave = workbench.autosave_for(request.user, obj)
        if autosave is not None and request.method == "GET" and workbench.differs_from(autosave, obj):
            context["workbench"]["autosave"] = autosave
            context["workbench"]["autosave_message"] = workbench.restore_message(autosave)
            # Restored with the revision it was typed on: a save then meets (merges, or shows as
            # a conflict) what others saved since, instead of silently undoing it.
            context["workbench"]["config"]["autosave"] = {
                "values": autosave.values, "language": autosave.language, "baseRevision": autosave.base_revision,
            }
        if request.method == "POST" and PREVIEW_BUTTON in request.POST:
            self._show_preview(request, context, obj)

    def _show_preview(self, request, context, obj):
        form = context["adminform"].form
        # The preview's own "error" keeps the form from saving; it is not an error to show.
        remaining = [e for e in form.errors.get("__all__", []) if e != str(PREVIEW_NOTE)]
        if remaining:
            form.errors["__all__"] = ErrorList(remaining)
        else:
            form.errors.pop("__all__", None)
        context["errors"] = helpers.AdminErrorList(form, [f.formset for f in context.get("inline_admin_formsets", [])])
        data = self.preview_data(request, obj, request.POST)
        context["workbench"]["preview"] = data

    def response_add(self, request, obj, post_url_continue=None):
        workbench.clear_autosave(request.user, None)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        workbench.clear_autosave(request.user, obj)
        return super().response_change(request, obj)
