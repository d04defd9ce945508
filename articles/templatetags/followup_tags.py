"""The follow-up question form on the article page: ``{% follow_up_form article page.persona %}``."""

from django import template

from ..followups.forms import FollowUpForm

register = template.Library()


@register.inclusion_tag("articles/_follow_up_form.html")
def follow_up_form(article, persona=None):
    return {
        "article": article,
        "form": FollowUpForm(initial={"persona": persona.code if persona else ""}),
    }
