"""Staff accounts: the chief medical editors add and deactivate accounts and set their roles.

Who may: holders of the StaffAccount permissions (staff/roles.py gives them to the chief medical
editors). What they may set: user name, name, email, active, and the role groups of
staff/roles.py; never a password, superuser status or individual permissions. Superuser accounts
are not listed (and cannot be opened) here. New accounts get an invitation email to choose a
password (articles/staff/accounts.py); the link opens Django's password-reset form.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from ..models import StaffAccount
from ..public import response_cache
from ..staff import accounts as staff
from ..staff import roles


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return roles.role_label(obj.name)


class RoleListFilter(admin.RelatedFieldListFilter):
    """The role groups in the list's filter, named in the interface's language."""

    def field_choices(self, field, request, model_admin):
        return [(pk, roles.role_label(name)) for pk, name in super().field_choices(field, request, model_admin)]


class StaffAccountForm(forms.ModelForm):
    roles = RoleChoiceField(
        label=_("roles"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the account may do. An account without a role cannot log in to the admin."),
    )

    class Meta:
        model = StaffAccount
        fields = ("username", "first_name", "last_name", "email", "is_active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = staff.role_groups()
        self.fields["email"].required = True
        self.fields["email"].help_text = _("The invitation to choose a password is sent here.")
        if self.instance.pk:
            self.initial["roles"] = list(self.instance.groups.filter(name__in=staff.ROLE_NAMES))


class StaffAccountAdmin(admin.ModelAdmin):
    form = StaffAccountForm
    list_display = ("username", "full_name", "email", "role_list", "is_active", "last_login")
    list_filter = ("is_active", ("groups", RoleListFilter))
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    actions = ("deactivate", "invite_again")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email")}),
        (_("Access"), {"fields": ("roles", "is_active")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_queryset(self, request):
        # Superusers are managed by superusers, elsewhere.
        return super().get_queryset(request).filter(is_superuser=False).prefetch_related("groups")

    def get_urls(self):
        invitation = auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/password_reset_confirm.html",
            post_reset_login=True,
            # Several authentication backends (django-axes first): name the one that logs in.
            post_reset_login_backend="django.contrib.auth.backends.ModelBackend",
            success_url=reverse_lazy("admin:index"),
            extra_context={"site_header": admin.site.site_header, "site_title": admin.site.site_title},
        )
        return [
            path("invitation/<uidb64>/<token>/", invitation, name="articles_staffaccount_invitation"),
            *super().get_urls(),
        ]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: the history keeps who wrote what

    def save_model(self, request, obj, form, change):
        obj.is_superuser = False
        roles = form.cleaned_data.get("roles") or []
        obj.is_staff = bool(roles)
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        staff.set_roles(form.instance, form.cleaned_data.get("roles") or [])
        if not change:
            staff.send_invitation(form.instance, request.build_absolute_uri("/"), language=get_language())
            self.message_user(
                request,
                _("An invitation to choose a password is sent to %(email)s.") % {"email": form.instance.email},
                messages.INFO,
            )

    @admin.display(description=_("name"))
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.display(description=_("roles"))
    def role_list(self, obj):
        return ", ".join(sorted(roles.role_label(g.name) for g in obj.groups.all() if g.name in staff.ROLE_NAMES))

    @admin.action(description=_("Deactivate the selected accounts"), permissions=["change"])
    def deactivate(self, request, queryset):
        count = queryset.exclude(pk=request.user.pk).update(is_active=False)
        if count:
            response_cache.bump()  # the board page lists active accounts; update() sends no signal
        self.message_user(
            request,
            ngettext("%(count)d account deactivated.", "%(count)d accounts deactivated.", count) % {"count": count},
        )

    @admin.action(description=_("Send the invitation to choose a password again"), permissions=["change"])
    def invite_again(self, request, queryset):
        accounts = [user for user in queryset.filter(is_active=True) if user.email]
        for user in accounts:
            staff.send_invitation(user, request.build_absolute_uri("/"), language=get_language())
        self.message_user(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", len(accounts))
            % {"count": len(accounts)},
        )


admin.site.register(StaffAccount, StaffAccountAdmin)
