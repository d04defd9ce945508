"""Admin views of an article's version history: compare two revisions, preview one.

``ArticleHistoryAdminMixin`` goes first in ArticleAdmin's bases (before reversion's
VersionAdmin). It adds

- ``<pk>/history/compare/?a=<version id>&b=<version id>``: what changed, per field and language;
- ``<pk>/history/<version id>/preview/?lang=en&persona=patient``: the revision's text as a
  reader would have seen it;

and replaces reversion's history page with a paginated one (50 revisions a page, newest
first) that shows each revision's number (its Revision id, see ``articles.editing.history``) and
time to the second, links to both and says, per revision, which fields in which languages
changed, authors included (a constant number of queries: the page's versions and the one
before them in one query, their bylines in another).

Reverting (reversion's ``<pk>/history/<version id>/``) needs change permission here (GET
too: it shows the old text), only accepts a version of this article, shows what reverting
would change (and which public update notes of the edits it undoes it withdraws) and makes
one new revision whose comment names the revision restored (see ArticleAdmin.create_revision).
Recovering a deleted article only accepts article versions.
Both complete reversion's restore with ``versioning.restore_belongings`` (translation state,
update notes, citations).
Compare and preview need the permission to see the article's unpublished text
(``access.may_open_drafts``, as the reader preview), checked here on the server; the history
list itself stays visible to whoever may view the article, as in reversion, and links only to
what the user may open (``may_open_revisions``, ``may_revert``).
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from ..editing import history, locking, versioning
from ..models import LANGUAGE_CODES, Article, UpdateNote, field_suffix
from ..public.personas import all_personas
from ..staff.access import DRAFTS_REFUSED, may_open_drafts
from .update_notes import note_label

HISTORY_PAGE_SIZE = 50
PAGE_VAR = "p"
REVERT_REFUSED = gettext_lazy("Your account may not restore earlier revisions of articles.")


class ArticleHistoryAdminMixin:
    object_history_template = "admin/articles/article/object_history.html"
    history_compare_template = "admin/articles/article/compare.html"
    revision_preview_template = "admin/articles/article/revision_preview.html"
    # The article change form (lock token, conflict and revert diff) also for revert/recover.
    revision_form_template = "admin/articles/article/change_form.html"
    recover_form_template = "admin/articles/article/change_form.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.history_compare_view),
                name="{}_{}_history_compare".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/preview/",
                self.admin_site.admin_view(self.revision_preview_view),
                name="{}_{}_revision_preview".format(*info),
            ),
        ]
        return urls + super().get_urls()

    # --- helpers -----------------------------------------------------------------------

    def may_open_revisions(self, request, obj=None):
        """Compare and preview of revisions: whoever may see the article's unpublished text."""
        return may_open_drafts(request.user, obj)

    def may_revert(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def _history_article(self, request, object_id, allowed=None, refused=DRAFTS_REFUSED):
        """The article, if ``allowed`` (default: may_open_revisions) says yes: 403 / 404 otherwise."""
        allowed = allowed or self.may_open_revisions
        if not allowed(request):
            raise PermissionDenied(refused)
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No article with this id."))
        if not allowed(request, obj):
            raise PermissionDenied(refused)
        return obj

    def _versions(self, obj):
        return Version.objects.get_for_object(obj).select_related("revision__user")

    def _version_ids(self, request, *names):
        try:
            return [int(request.GET.get(name, "")) for name in names]
        except ValueError:
            raise Http404(_("Choose two revisions to compare.")) from None

    def _history_context(self, request, obj, title):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(obj),
            "object": obj,
            "opts": self.opts,
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "history_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_history",
                args=[quote(obj.pk)],
            ),
        }

    # --- views -------------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        """Reversion's history page, paginated and with compare/preview controls.

        Replaces VersionAdmin.history_view (which loads every version of the object, data
        included, on every request) and renders with Django's ModelAdmin.history_view.
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {}
        if obj is not None:
            versions = self._versions(obj).defer("object_repr").order_by("-pk")
            paginator = Paginator(versions, HISTORY_PAGE_SIZE)
            page = paginator.get_page(request.GET.get(PAGE_VAR, 1))
            site, info = self.admin_site.name, f"{self.opts.app_label}_{self.opts.model_name}"
            can_compare = self.may_open_revisions(request, obj)
            can_revert = self.may_revert(request, obj)
            # The page's versions plus the one just before them (older), in one query.
            start = (page.number - 1) * HISTORY_PAGE_SIZE
            fetched = list(versions[start : start + HISTORY_PAGE_SIZE + 1]) if paginator.count else []
            page_versions = fetched[:HISTORY_PAGE_SIZE]
            states = _states(fetched)
            notes = _notes_written(obj, [version.revision_id for version in page_versions])
            actions = []
            for index, version in enumerate(page_versions):
                args = (quote(obj.pk), version.pk)
                is_first = index + 1 == len(fetched)
                changes = "" if is_first else _change_summary(states[index + 1], states[index],
                                                             notes.get(version.revision_id))
                actions.append(
                    {
                        "version": version,
                        "revision": version.revision,
                        "changes": changes,
                        "url": reverse(f"{site}:{info}_revision", args=args) if can_revert else "",
                        "preview_url": reverse(f"{site}:{info}_revision_preview", args=args)
                        if can_compare
                        else "",
                    }
                )
            context = {
                "action_list": actions,
                "page_obj": page,
                "page_range": paginator.get_elided_page_range(page.number),
                "page_var": PAGE_VAR,
                "pagination_required": paginator.num_pages > 1,
                "revision_count": paginator.count,
                "can_compare": can_compare and paginator.count > 1,
                "can_revert": can_revert,
                "compare_url": reverse(f"{site}:{info}_history_compare", args=[quote(obj.pk)]),
            }
        context.update(extra_context or {})
        # Skip VersionAdmin.history_view (unpaginated); Django's still checks and renders.
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Reversion's revert form, for editors only, with what reverting would change."""
        obj = self._history_article(request, object_id, self.may_revert, REVERT_REFUSED)
        version = self._versions(obj).filter(pk=version_id).first()
        if version is None:
            raise Http404(_("No such revision of this article."))
        latest = self._versions(obj).order_by("-pk").first()
        context = {
            "revert_rows": history.compare_field_dicts(locking.state_of(obj), history.version_state(version)),
            "restored_version": version,
            "withdrawn_notes": versioning.notes_undone_by(obj, version.revision),
            "compare_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_history_compare",
                args=[quote(obj.pk)],
            )
            + f"?a={version.pk}&b={latest.pk}"
            if self.may_open_revisions(request, obj)
            else "",
        }
        context.update(extra_context or {})
        request._reversion_restoring = ("revert", version)
        return super().revision_view(request, object_id, version_id, context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        restoring = getattr(request, "_reversion_restoring", None)
        if restoring is not None:
            # Reversion has just restored the revision (same transaction): complete it.
            mode, version = restoring
            versioning.restore_belongings(version, recover=mode == "recover")
        return super().changeform_view(request, object_id, form_url, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """Reversion's recover form, only for versions of articles."""
        version = Version.objects.select_related("revision__user").filter(pk=version_id).first()
        if version is None or version.content_type_id != ContentType.objects.get_for_model(self.model).pk:
            raise Http404(_("No such revision of this article."))
        context = {"restored_version": version}
        context.update(extra_context or {})
        request._reversion_restoring = ("recover", version)
        return super().recover_view(request, version_id, context)

    def history_compare_view(self, request, object_id):
        obj = self._history_article(request, object_id)
        id_a, id_b = self._version_ids(request, "a", "b")
        found = {v.pk: v for v in self._versions(obj).filter(pk__in=[id_a, id_b])}
        if id_a not in found or id_b not in found:
            raise Http404(_("No such revision of this article."))
        older, newer = sorted([found[id_a], found[id_b]], key=lambda v: (v.revision.date_created, v.pk))
        rows = [] if older.pk == newer.pk else history.compare_versions(older, newer)
        context = {
            **self._history_context(request, obj, _("Compare revisions")),
            "older": older,
            "newer": newer,
            "same": older.pk == newer.pk,
            "rows": rows,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.history_compare_template, context)

    def revision_preview_view(self, request, object_id, version_id):
        obj = self._history_article(request, object_id)
        version = self._versions(obj).filter(pk=version_id).first()
        if version is None:
            raise Http404(_("No such revision of this article."))
        lang = request.GET.get("lang") or ""
        if lang not in LANGUAGE_CODES:
            lang = LANGUAGE_CODES[0]
        personas = all_personas()
        by_code = {p.code: p for p in personas}
        persona = by_code.get(request.GET.get("persona") or settings.DEFAULT_PERSONA)
        if persona is None and personas:
            persona = personas[0]
        preview = history.build_revision_preview(version, lang=lang, persona=persona, personas=personas)
        context = {
            **self._history_context(request, obj, _("Preview of a revision")),
            "version": version,
            "revision": version.revision,
            "preview": preview,
            "languages": [(code, str(name)) for code, name in settings.LANGUAGES if code in LANGUAGE_CODES],
            "personas": personas,
        }
        request.current_app = self.admin_site.name
        response = TemplateResponse(request, self.revision_preview_template, context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


def _states(versions):
    """``history.version_states`` of the versions; None for one that no longer deserializes."""
    try:
        return history.version_states(versions)
    except Exception:  # noqa: BLE001 - an old version that no longer deserializes: find which
        return [_state_or_none(version) for version in versions]


def _state_or_none(version):
    try:
        return history.version_state(version)
    except Exception:  # noqa: BLE001
        return None


def _notes_written(article, revision_ids):
    """{revision id: "Public update note (English)"} of the revisions whose save wrote a public
    update note (one query): the note is not an article field, so _change_summary misses it."""
    written = {}
    notes = UpdateNote.objects.filter(article=article, revision_id__in=revision_ids).order_by()
    for revision_id, *texts in notes.values_list("revision_id", *(f"note_{field_suffix(c)}" for c in LANGUAGE_CODES)):
        written[revision_id] = ", ".join(
            note_label(code) for code, text in zip(LANGUAGE_CODES, texts, strict=True) if text
        )
    return written


def _change_summary(previous, state, notes=None):
    """"Title (English), Key answer (简体中文), Authors": what changed since the previous
    revision, and ``notes``, the public update notes it wrote (_notes_written)."""
    if previous is None or state is None:
        return ", ".join(part for part in (_("(cannot be compared)"), notes) if part)
    labels = {code: str(name) for code, name in settings.LANGUAGES}
    parts = []
    for name, lang in history.changed_fields(previous, state):
        label = capfirst(str(Article._meta.get_field(name).verbose_name))
        parts.append(f"{label} ({labels.get(lang, lang)})" if lang else label)
    if notes:
        parts.append(notes)
    return ", ".join(parts) if parts else _("no change to text, status, address, topics or authors")
