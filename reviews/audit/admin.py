"""The audit trail in the admin: read and filter only (chief medical editors)."""

from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("time", "action", "actor", "object_repr", "ip_address")
    list_filter = ("action", ("time", admin.DateFieldListFilter))
    search_fields = ("actor", "object_repr", "detail", "ip_address")
    date_hierarchy = "time"
    list_per_page = 100
    show_full_result_count = False
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}
