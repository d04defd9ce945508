"""Admin pages of the medical review outside any model's admin (config/urls.py mounts them
under /admin/medical-review/, each wrapped by ``admin.site.admin_view``: staff only).

- submit: "Submit for medical review" of one language version (POST), from the article's
  change page. When a trust checklist item fails it shows the failing items and asks for
  confirmation first; the rules themselves are workflow.submit's.
- checklist_report: the published language versions failing a checklist item, for the chief
  medical editor (``reviews.view_checklist_report``), paginated.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article

from ..workflow import checklist
from ..workflow import rules as workflow

REPORT_PAGE_SIZE = 25


def _change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@require_POST
def submit(request, article_id, lang):
    article = get_object_or_404(Article, pk=article_id)
    if lang not in dict(settings.LANGUAGES):
        raise PermissionDenied(_("Unknown language."))
    if not workflow.may_submit(request.user):
        raise PermissionDenied(_("Your account may not submit articles for medical review."))
    comment = request.POST.get("comment", "").strip()
    confirmed = request.POST.get("confirm") == "yes"
    try:
        workflow.submit(article, lang, request.user, comment, require_checklist=not confirmed)
    except workflow.ChecklistFailed as failed:
        context = {
            **admin.site.each_context(request),
            "title": _("Submit despite a failing trust checklist?"),
            "article": article,
            "lang": lang,
            "language": dict(settings.LANGUAGES)[lang],
            "checklist": failed.checklist,
            "comment": comment,
            "change_url": _change_url(article),
        }
        return render(request, "reviews/admin/confirm_submit.html", context)
    except workflow.ReviewRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("The %(language)s version was submitted for medical review.") % {"language": dict(settings.LANGUAGES)[lang]},
        )
    return HttpResponseRedirect(_change_url(article))


def checklist_failures(articles):
    """[(article, Checklist)] of every language version failing an item."""
    rows = []
    for article in articles:
        for lang in article.languages():
            result = checklist.check(article, lang)
            if not result.passed:
                rows.append((article, result))
    return rows


def checklist_report(request):
    if not request.user.has_perm("reviews.view_checklist_report"):
        raise PermissionDenied(_("Only chief medical editors see the trust checklist report."))
    articles = Article.objects.published().order_by("slug").prefetch_related("language_versions")
    page = Paginator(checklist_failures(articles), REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **admin.site.each_context(request),
        "title": _("Published articles failing the trust checklist"),
        "page": page,
    }
    return render(request, "reviews/admin/checklist_report.html", context)
