"""The admin site: Django's, plus two-factor authentication (config/twofactor.py)."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path

from . import twofactor


class MedCMSAdminSite(admin.AdminSite):
    login_form = twofactor.AdminLoginForm
    login_template = "admin/login_two_factor.html"

    def has_permission(self, request):
        user = request.user
        if not super().has_permission(request):
            return False
        return not twofactor.requires_two_factor(user) or twofactor.is_verified(user)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def checked(request, *args, **kwargs):
            # A signed-in account that must use two factors and has no app yet sets one up
            # first (the login page would only ask for a code it cannot give).
            user = request.user
            if (
                user.is_active
                and user.is_staff
                and twofactor.requires_two_factor(user)
                and not twofactor.is_verified(user)
                and not twofactor.user_has_device(user)
            ):
                return redirect("admin:two_factor_setup")
            return inner(request, *args, **kwargs)

        return checked

    def get_urls(self):
        return [path("two-factor/", twofactor.setup, name="two_factor_setup"), *super().get_urls()]
