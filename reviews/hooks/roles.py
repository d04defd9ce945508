"""The review permissions of each editorial role (added to articles.staff.roles, which applies them).

Approving and requesting changes are not model permissions: they belong to board members
(``workflow.is_board_member``: an active profile, or the board group without a profile).
"""

from articles.staff import roles

_VIEW = ["reviews.view_review", "reviews.view_reviewevent", "reviews.view_signoff", "reviews.view_boardmember"]
# The review queue and the discussion of a review (reviews/queue/rows.py, admin.py).
_QUEUE = ["reviews.view_reviewqueue", "reviews.add_reviewcomment", "reviews.view_reviewcomment"]
_SCHEDULE = ["reviews.add_reviewschedule", "reviews.change_reviewschedule", "reviews.view_reviewschedule"]

REVIEW_ROLE_PERMISSIONS = {
    roles.EDITORS: ["reviews.submit_review", *_VIEW, *_SCHEDULE, *_QUEUE],
    roles.CHIEF_EDITORS: [
        "reviews.submit_review", *_VIEW, *_SCHEDULE, *_QUEUE, "reviews.assign_review",
        "reviews.add_boardmember", "reviews.change_boardmember", "reviews.delete_boardmember",
        "reviews.view_checklist_report",
        "reviews.view_auditevent",  # the audit trail (reviews/audit)
    ],
    # A translator submits the language version they translated (any language: translators
    # may edit the text of every language, so they may also hand any of it to the board).
    roles.TRANSLATORS: ["reviews.submit_review", "reviews.view_review", "reviews.view_reviewevent", *_QUEUE],
    roles.BOARD: [*_VIEW, "reviews.view_reviewschedule", *_QUEUE],
}


def add_review_permissions():
    for role, perms in REVIEW_ROLE_PERMISSIONS.items():
        extra = roles.EXTRA_ROLE_PERMISSIONS.setdefault(role, [])
        extra.extend(p for p in perms if p not in extra)
