"""Who reviews: board membership, the languages a reviewer reads, how readers see reviewers named."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext

from articles.staff import roles


def board_profile(user):
    try:
        return user.board_profile
    except (ObjectDoesNotExist, AttributeError):
        return None


def is_board_member(user):
    """An active user with an active board profile, or in the board group without a profile."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    profile = board_profile(user)
    if profile is not None:
        return profile.is_active
    return user.groups.filter(name=roles.BOARD).exists()


def reads_language(user, lang):
    """A board member reviews the languages of their profile; without a profile, any."""
    profile = board_profile(user)
    return profile is None or profile.reads(lang)


def may_submit(user):
    return user is not None and user.is_active and user.has_perm("reviews.submit_review")


def reviewer_name(user):
    """How readers see a reviewer named: the profile's name, else the user's full name, else
    "Medical Advisory Board member" (a login name is never shown to readers)."""
    profile = board_profile(user)
    if profile is not None:
        return profile.name
    return user.get_full_name() or gettext("Medical Advisory Board member")


def staff_name(user):
    """How staff see a reviewer named: as readers do, else by login name."""
    profile = board_profile(user)
    return profile.name if profile is not None else user.get_full_name() or user.get_username()


def is_listed(user):
    """Whether the public board page lists the reviewer: a profile, or at least a full name."""
    return board_profile(user) is not None or bool(user.get_full_name())


def reviewer_credentials(user, lang):
    """The reviewer's credentials in ``lang`` (else another language), or ""."""
    from articles.public.page import localized

    profile = board_profile(user)
    return localized(profile, "credentials", lang).text if profile is not None else ""
