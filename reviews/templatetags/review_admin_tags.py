"""The medical review on the article's admin change page (the articles app never imports
reviews; templates/admin/articles/article/change_form.html loads these tags):

    {% review_checklist_panel original %}   per language version: review state, trust
                                            checklist, "Submit for medical review"
    {% review_timeline original %}          per language: the state, and who did what, when, on
                                            which revision, with their comments (three queries at most)
"""

from django import template
from django.conf import settings
from django.urls import reverse

from reviews.models import Review, ReviewEvent, ReviewState
from reviews.queue.rows import current_states
from reviews.workflow import checklist
from reviews.workflow import rules as workflow

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


@register.inclusion_tag("reviews/admin/timeline.html", takes_context=True)
def review_timeline(context, article):
    request = context.get("request")
    user = getattr(request, "user", None)
    if article is None or article.pk is None or user is None or not user.has_perm("reviews.view_reviewevent"):
        return {"shown": False}
    reviews = {review.language: review for review in Review.objects.filter(article=article).select_related("article")}
    events = {}
    for event in ReviewEvent.objects.filter(review__article=article).select_related("user").order_by("created_at", "id"):
        events.setdefault(event.review_id, []).append(event)
    states = current_states(list(reviews.values()))
    may_open_queue = user.has_perm("reviews.view_reviewqueue")
    languages = []
    for code, name in settings.LANGUAGES:
        review = reviews.get(code)
        if review is None and code not in article.languages():
            continue
        state = states[review.pk] if review is not None else ReviewState.DRAFT
        languages.append(
            {
                "code": code,
                "name": name,
                "review": review,
                "state_label": ReviewState(state).label,
                "events": events.get(review.pk, []) if review is not None else [],
                "url": reverse("admin:reviews_reviewqueue_review", args=[review.pk])
                if review is not None and may_open_queue
                else "",
            }
        )
    return {"shown": True, "languages": languages}
