"""Who may change what on an article: the rules the admin's save, revert and recover share.

- Changing the text needs the change permission (checked by the admin views).
- Changing the slug, status, topics or authors needs ``articles.edit_article_metadata``
  (translators do not have it: they change the text only).
- Publishing or unpublishing (a status change to or from "published") needs
  ``articles.publish_article``.

A change is described by two *states* of the article, before and after, as dicts with the keys
``status``, ``slug``, ``topics`` (sorted ids) and ``authors`` (sorted (position, author id)
pairs); a missing key means "not changed". ``refusal()`` says why a user may not make it.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from ..models import Article, Authorship

PUBLISH_PERMISSION = "articles.publish_article"
METADATA_PERMISSION = "articles.edit_article_metadata"
METADATA = ("slug", "status", "topics", "authors")

# The state "before" a deleted article is recovered: nothing.
NOTHING = {"status": None, "slug": None, "topics": [], "authors": []}


def not_publisher_message():
    return _("You may not publish or unpublish articles: ask an editor with publishing rights.")


def text_only_message():
    return _(
        "You may change only the text of an article: ask an editor to change its slug, status, topics or authors."
    )


def touches_publication(old_status, new_status):
    """True if going from ``old_status`` to ``new_status`` publishes or unpublishes."""
    published = Article.Status.PUBLISHED
    return old_status != new_status and published in (old_status, new_status)


def may_change_status(user, old_status, new_status):
    return not touches_publication(old_status, new_status) or bool(user and user.has_perm(PUBLISH_PERMISSION))


def stored_status(article_pk):
    """The status stored for the article now (None if there is no such row)."""
    if article_pk is None:
        return None
    return Article.objects.filter(pk=article_pk).values_list("status", flat=True).first()


def changed_metadata(before, after):
    """Names in METADATA whose value differs between the two states (keys both have)."""
    return [name for name in METADATA if name in before and name in after and before[name] != after[name]]


def refusal(user, before, after):
    """Why ``user`` may not change the article from ``before`` to ``after``; None if allowed."""
    if not may_change_status(user, before.get("status"), after.get("status", before.get("status"))):
        return not_publisher_message()
    if changed_metadata(before, after) and not user.has_perm(METADATA_PERMISSION):
        return text_only_message()
    return None


# --- states ---------------------------------------------------------------------------------


def state_of(article):
    """The article's metadata as stored now."""
    return {
        "status": article.status,
        "slug": article.slug,
        "topics": sorted(article.topics.values_list("pk", flat=True)),
        "authors": sorted(article.authorships.values_list("position", "author_id")),
    }


def restored_state(version):
    """The article's metadata once the revision of ``version`` (a Version of an article) is
    restored: its own fields, and the authorships that revision holds (reversion deletes the
    others)."""
    fields = version.field_dict
    authorship_type = ContentType.objects.get_for_model(Authorship)
    authors = []
    for authorship in version.revision.version_set.filter(content_type=authorship_type):
        values = authorship.field_dict
        if str(values.get("article_id")) == version.object_id:
            authors.append((values.get("position"), values.get("author_id")))
    state = {"status": fields.get("status"), "slug": fields.get("slug"), "authors": sorted(authors)}
    if "topics" in fields:  # a version without topics data leaves the topics as they are
        state["topics"] = sorted(fields["topics"])
    return state


def field_labels(names):
    """ "slug, status" in the user's language, for messages."""
    labels = {
        "slug": Article._meta.get_field("slug").verbose_name,
        "status": Article._meta.get_field("status").verbose_name,
        "topics": Article._meta.get_field("topics").verbose_name,
        "authors": Article._meta.get_field("authors").verbose_name,
    }
    return ", ".join(str(labels[name]) for name in names)


def revert_refusal(user, article, version):
    """Why ``user`` may not restore ``version`` (a Version of ``article``); None if allowed."""
    before, after = state_of(article), restored_state(version)
    reason = refusal(user, before, after)
    if reason is None:
        return None
    return _("Restoring this revision would change: %(changes)s. %(reason)s") % {
        "changes": field_labels(changed_metadata(before, after)),
        "reason": reason,
    }


def recover_refusal(user, version):
    """Why ``user`` may not recover the deleted article of ``version``; None if allowed."""
    return refusal(user, NOTHING, restored_state(version))
