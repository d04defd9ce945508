"""Editing articles: stored text spelling, version history, optimistic locking and merge, the workbench."""
