"""Who may open an article's unpublished states: one rule for the links and for the views.

The reader preview (``articles:preview``) and, in the admin, the compare and preview pages of
its revisions show text readers do not see. Each of those views refuses whoever this says no
to, and the admin shows a link to them only to whoever it says yes to, so nobody is offered a
page that answers 403. Widen it here, and both follow.
"""

from django.utils.translation import gettext_lazy as _

DRAFT_PERMISSION = "articles.view_unpublished_text"
# Whoever may change an article sees its unpublished text in the change form already.
CHANGE_PERMISSION = "articles.change_article"


def may_open_drafts(user, article=None):
    """May ``user`` open the preview of ``article`` and compare and preview its revisions?

    Without an article: may they open those of articles at all (whether to offer the links).
    Active staff with ``articles.view_unpublished_text`` (staff/roles.py gives it to editors, chief
    editors, translators and the Medical Advisory Board, who read what they review) or who
    may change articles. Opening is read-only: restoring a revision needs the change
    permission (admin/history.py ``may_revert``, admin/restore_rights.py).
    """
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.has_perm(DRAFT_PERMISSION) or user.has_perm(CHANGE_PERMISSION)


# Why the views refuse (shown on the 403 page).
DRAFTS_REFUSED = _("Your account may not open unpublished versions of articles (previews and earlier revisions).")
