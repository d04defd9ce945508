"""Staff accounts as the chief medical editors manage them: roles only, never superuser.

An account's rights come only from the role groups of ``staff/roles.py``; this module never sets
``is_superuser`` or individual permissions. A new account gets no password: an invitation
email (sent once the account is committed) links to Django's password-reset form, which
sets the password and logs the new colleague in.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext, override

from . import roles

ROLE_NAMES = tuple(roles.ROLE_PERMISSIONS)  # Editors, Chief medical editors, Board, Translators


def role_groups():
    roles.ensure_roles()
    return Group.objects.filter(name__in=ROLE_NAMES).order_by("name")


def set_roles(user, groups):
    """The account's role groups become exactly ``groups``; other groups are left alone.
    Staff status follows: an account with a role may log in to the admin."""
    wanted = [group for group in groups if group.name in ROLE_NAMES]
    user.groups.remove(*user.groups.filter(name__in=ROLE_NAMES).exclude(pk__in=[g.pk for g in wanted]))
    user.groups.add(*wanted)


def invitation_path(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("admin:articles_staffaccount_invitation", args=[uid, token])


def send_invitation(user, base_url, *, language):
    """Email ``user`` a link to choose a password, after the current transaction commits."""

    def send():
        with override(language):
            link = base_url.rstrip("/") + invitation_path(user)
            subject = gettext("Your MedCMS account")
            body = gettext(
                "Hello %(name)s,\n\nan account was created for you on MedCMS (user name: %(username)s).\n"
                "Choose your password here:\n\n%(link)s\n\nThe link works once and expires in %(days)s days."
            ) % {
                "name": user.get_full_name() or user.get_username(),
                "username": user.get_username(),
                "link": link,
                "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            }
        send_mail(subject, body, None, [user.email])

    # robust: a mail server that is down is logged, never a failed save (the account exists;
    # "Send the invitation again" in the staff list retries).
    transaction.on_commit(send, robust=True)
