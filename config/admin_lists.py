"""Helpers for admin lists that stay fast at any size (used by the apps' ModelAdmins)."""


def is_changelist(request, model_admin):
    """True when ``request`` is the change list of ``model_admin``'s model (or one of its
    actions): the place to defer the columns the list does not show and to annotate the
    columns it computes, which the change form must not pay for (nor lose)."""
    match = getattr(request, "resolver_match", None)
    opts = model_admin.model._meta
    return match is not None and match.url_name == f"{opts.app_label}_{opts.model_name}_changelist"
