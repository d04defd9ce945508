"""django-reversion registration of the article models."""

import reversion
from reversion.models import Version

from .models import Article, Author, Authorship, GlossaryTerm, Persona, Topic


def register_models():
    for model, follow in (
        (Article, ("authorships",)),
        (Authorship, ()),
        (Topic, ()),
        (Author, ()),
        (Persona, ()),
        (GlossaryTerm, ()),
    ):
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow, ignore_duplicates=True)


def revision_count(article):
    return Version.objects.get_for_object(article).count()
