"""The board's working surface in the admin: the review queue, submitting a version, the checklist report."""
