"""The editorial roles as auth groups, with the permissions each role needs.

Kept in code and applied after every migrate, so permissions stay in step with the models.
"""

import contextlib

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

EDITORS = "Editors"
CHIEF_EDITORS = "Chief medical editors"
BOARD = "Medical Advisory Board"
TRANSLATORS = "Translators"

# The groups' names are rows, kept in English; staff see each role named in their language.
ROLE_LABELS = {
    EDITORS: _("Editors"),
    CHIEF_EDITORS: _("Chief medical editors"),
    BOARD: _("Medical Advisory Board"),
    TRANSLATORS: _("Translators"),
}


def role_label(name):
    """A role group's name in the active language (another group's name as it is)."""
    return str(ROLE_LABELS.get(name, name))

_EDIT_CONTENT = [
    "articles.add_article", "articles.change_article", "articles.view_article",
    "articles.add_authorship", "articles.change_authorship", "articles.delete_authorship",
    "articles.view_authorship",
    "articles.add_topic", "articles.change_topic", "articles.view_topic",
    "articles.change_sitepage", "articles.view_sitepage",
    "articles.add_author", "articles.change_author", "articles.view_author",
    "articles.view_persona", "articles.edit_article_metadata", "articles.view_translationtask",
    "articles.view_unpublished_text",
    "references.add_reference", "references.change_reference", "references.view_reference",
]

# The follow-up question queue; triage also shows the askers' email addresses.
_TRIAGE = ["articles.view_followupquestion", "articles.change_followupquestion", "articles.triage_followupquestion"]

ROLE_PERMISSIONS = {
    EDITORS: _EDIT_CONTENT + _TRIAGE + ["articles.publish_article"],
    CHIEF_EDITORS: _EDIT_CONTENT + _TRIAGE + [
        "articles.delete_followupquestion", "articles.publish_article", "articles.delete_article", "articles.change_persona",
        "articles.add_persona", "articles.delete_topic", "references.delete_reference",
        # Unlock accounts locked out after failed logins (django-axes' access attempts).
        "axes.view_accessattempt", "axes.delete_accessattempt",
        # Staff accounts (admin/staff.py): add, deactivate, set roles; never superuser.
        "articles.add_staffaccount", "articles.change_staffaccount", "articles.view_staffaccount",
    ],
    # The board reads everything it reviews, unpublished text included (previews, history,
    # compare), but changes nothing.
    BOARD: ["articles.view_article", "articles.view_topic", "articles.view_author",
            "articles.view_persona", "references.view_reference", "articles.view_unpublished_text",
            "articles.view_followupquestion"],  # reads the questions, not who asked
    # Translators edit the translated text of existing articles, topics and site pages (not a
    # slug, status, topics or authors: edit_article_metadata, see admin/translations.py and
    # admin/text_only.py); they cannot publish. They work from the translation queue.
    TRANSLATORS: ["articles.view_article", "articles.change_article", "articles.view_topic",
                  "articles.change_topic", "articles.view_persona", "references.view_reference",
                  "articles.change_sitepage", "articles.view_sitepage",
                  "articles.view_translationtask", "articles.view_unpublished_text"],
}

# Higher apps (reviews) add their own permissions to a role here.
EXTRA_ROLE_PERMISSIONS: dict[str, list[str]] = {}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles():
    """Create the role groups and set exactly their permissions (idempotent)."""
    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = perms + EXTRA_ROLE_PERMISSIONS.get(name, [])
        group.permissions.set([_permission(p) for p in wanted])


def ensure_roles_after_migrate(sender, **kwargs):
    if kwargs.get("plan") is not None or kwargs.get("apps") is not None:
        # A partial migrate (e.g. to an earlier state) may not have every model yet.
        with contextlib.suppress(Permission.DoesNotExist):
            ensure_roles()
