"""Signals of the reference library for what listens from other apps (references imports
nothing of them)."""

from django.dispatch import Signal

# Sent with ``pks`` (the ids of the references changed) after a bulk write, which sends no
# post_save (import_references updates the library in batches).
references_changed = Signal()
