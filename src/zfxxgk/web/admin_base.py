"""What several apps' admin pages share."""

from __future__ import annotations

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown in the admin site, never changed there: rows whose history is the point
    (the audit log) or whose changes must go through the store's rules and audit
    entry (cases, registers, calendar years)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
