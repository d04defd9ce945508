"""Base of the admin's work queues (translation queue, review queue): a page of their own on a
proxy model, with none of the add, change, delete or history pages of a model admin."""

from django.contrib import admin


class QueueAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
