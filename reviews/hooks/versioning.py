"""django-reversion registration of the review models that keep a history (board profiles)."""

import reversion

from ..models import BoardMember


def register_models():
    # After modeltranslation added credentials_en, ... (see docs/pitfalls), and before the
    # admin's VersionAdmin would register the model with its own defaults.
    if not reversion.is_registered(BoardMember):
        reversion.register(BoardMember, ignore_duplicates=True)
