"""Two-factor authentication (TOTP, django-otp) for the admin.

Any staff account may set up an authenticator app at /admin/two-factor/; from then on its
login asks for the six-digit code. With ``REQUIRE_2FA=1`` the accounts that sign off or manage
medical content (chief medical editors, the Medical Advisory Board, superusers) must use it:
until their session is verified with a code, the admin sends them to set up or enter one.
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.staff.roles import BOARD, CHIEF_EDITORS

ROLES_REQUIRING_2FA = (CHIEF_EDITORS, BOARD)
DEVICE_NAME = "Authenticator app"


def requires_two_factor(user):
    """True if this account must verify a code before using the admin."""
    if not (settings.REQUIRE_2FA and user.is_authenticated):
        return False
    return user.is_superuser or user.groups.filter(name__in=ROLES_REQUIRING_2FA).exists()


def is_verified(user):
    return bool(getattr(user, "is_verified", lambda: False)())


class AdminLoginForm(OTPAdminAuthenticationForm):
    """Password, then the authenticator code for accounts that have set one up."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Only if you have set up two-factor authentication."),
    )

    def clean_otp(self, user):
        if user is not None and user_has_device(user):
            device = next(iter(devices_for_user(user)), None)
            if device is not None and not self.cleaned_data.get("otp_device"):
                self.cleaned_data["otp_device"] = device.persistent_id
            super().clean_otp(user)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@login_required(login_url="admin:login")
def setup(request):
    """Set up (or confirm) an authenticator app for the signed-in staff account."""
    user = request.user
    if not user.is_staff:
        return redirect("admin:login")
    if user_has_device(user) and is_verified(user):
        return redirect("admin:index")
    if user_has_device(user):
        return redirect(f"{reverse('admin:login')}?next={reverse('admin:index')}")
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": DEVICE_NAME})
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = reverse("admin:index")
            return redirect(target)
        form.add_error("token", _("That code is not right. Check the time on your phone and try the current code."))
    context = {
        "title": _("Set up two-factor authentication"),
        "form": form,
        **admin.site.each_context(request),
        "secret": base64.b32encode(device.bin_key).decode().rstrip("="),
        "qr_svg": _qr_svg(device.config_url),
        "required": requires_two_factor(user),
    }
    return render(request, "admin/two_factor_setup.html", context)


def _qr_svg(url):
    return segno.make(url, error="m").svg_inline(scale=4, dark="#111", light="#fff")
