"""Signals of the articles app for higher apps (reviews' audit trail listens; articles never
imports them)."""

from django.dispatch import Signal

# An old revision of an article was restored in the admin (mode "revert"), or a deleted
# article was recovered (mode "recover"). Arguments: article, version (the reversion Version
# restored), mode, user. Sent inside the transaction that writes the restore.
article_restored = Signal()
