"""Signals of the reference library for higher apps (references never imports them)."""

from django.dispatch import Signal

# References were created or changed in bulk (import_references writes in batches, which send
# no post_save). Sent with ``pks``, the ids of the references created or changed, inside the
# transaction that wrote them. Listeners: the articles app's cached reader pages, the review
# workflow's live fingerprints.
library_changed = Signal()
