from django import template
from django.utils.text import slugify

register = template.Library()


@register.filter
def anchor(heading):
    """A section heading as a fragment id, Chinese included (Django's |slugify drops it)."""
    return slugify(heading, allow_unicode=True)
