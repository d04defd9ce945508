"""The follow-up question form on the article page: ``{% follow_up_form article page.persona %}``."""

import functools

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..followups.forms import FollowUpForm

register = template.Library()

# The slug the form is rendered with once; the page's article is put in its place.
_ANY_ARTICLE = "follow-up-form-article"


def _action(slug):
    return f'action="{escape(reverse("articles:follow_up", args=[slug]))}"'


@functools.lru_cache(maxsize=64)
def _empty_form(lang, persona_code, script_prefix):
    """The empty form in ``lang`` for ``persona_code``: it reads nothing from the database, so
    it is rendered once per process (``lang`` is the active language)."""
    return _render({"slug": _ANY_ARTICLE}, persona_code)


def _render(article, persona_code):
    form = FollowUpForm(initial={"persona": persona_code})
    return render_to_string("articles/_follow_up_form.html", {"article": article, "form": form})


@register.simple_tag
def follow_up_form(article, persona=None):
    code = persona.code if persona else ""
    html = _empty_form(get_language(), code, get_script_prefix())
    if _action(_ANY_ARTICLE) not in html:  # the template writes its action some other way
        return _render(article, code)
    return mark_safe(html.replace(_action(_ANY_ARTICLE), _action(article.slug), 1))  # noqa: S308 - escaped
