"""Signals of the reference library for higher apps (references never imports them)."""

from django.dispatch import Signal

# References were created or changed in bulk (bulk_create / bulk_update send no post_save):
# whatever shows references (the articles app's cached reader pages) must treat the library
# as changed. Sent inside the transaction that writes them. No arguments.
library_changed = Signal()
