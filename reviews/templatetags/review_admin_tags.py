"""The medical review on the article's admin change page (the articles app never imports
reviews; templates/admin/articles/article/change_form.html loads these tags):

    {% review_checklist_panel original %}   per language version: review state, trust
                                            checklist, "Submit for medical review"
"""

from django import template
from django.conf import settings

from reviews import checklist, workflow
from reviews.models import ReviewState

register = template.Library()

SUBMITTABLE = (ReviewState.DRAFT, ReviewState.CHANGES_REQUESTED)


@register.inclusion_tag("reviews/admin/checklist_panel.html", takes_context=True)
def review_checklist_panel(context, article):
    request = context.get("request")
    user = getattr(request, "user", None)
    names = dict(settings.LANGUAGES)
    versions = []
    for lang in article.languages():
        version = workflow.status(article, lang)
        versions.append({
            "lang": lang,
            "language": names[lang],
            "status": version,
            "checklist": checklist.check(article, lang),
            "may_submit": (
                workflow.may_submit(user)
                and (version.state in SUBMITTABLE or version.changed_since_approval)
            ),
        })
    return {
        "article": article,
        "versions": versions,
        "csrf_token": context.get("csrf_token"),
        "may_see_report": bool(user and user.has_perm("reviews.view_checklist_report")),
    }
