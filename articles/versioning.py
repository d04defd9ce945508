"""django-reversion registration of the article models."""

import reversion
from reversion.models import Version

from .models import Article, Author, Authorship, GlossaryTerm, Persona, SitePage, Topic


def register_models():
    for model, follow in (
        (Article, ("authorships",)),
        (Authorship, ()),
        (Topic, ()),
        (Author, ()),
        (Persona, ()),
        (GlossaryTerm, ()),
        (SitePage, ()),
    ):
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow, ignore_duplicates=True)


def revision_count(article):
    return Version.objects.get_for_object(article).count()


def latest_revision_id(article):
    """The id of the newest history revision holding this article, or None."""
    return Version.objects.get_for_object(article).values_list("revision_id", flat=True).first()


def version_at(article, revision_id):
    """This article's Version in that revision, or None if the revision is not in its history."""
    return Version.objects.get_for_object(article).filter(revision_id=revision_id).first()
