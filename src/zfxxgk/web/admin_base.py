"""What several apps' admin pages share."""

from __future__ import annotations

import json

from django.contrib import admin
from django.utils.html import format_html


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


class AuditedAdmin(admin.ModelAdmin):
    """Every write the admin site makes (add, change, password, delete) is also an
    entry in 操作记录, next to the changes made through the pages and the API.
    Django calls these hooks for each write, inside the write's transaction."""

    def log_addition(self, request, obj, message):
        _record(request, "管理后台建立", obj, message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        _record(request, "管理后台修改", obj, message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            _record(request, "管理后台删除", obj, "")
        return super().log_deletions(request, queryset)


def _record(request, action: str, obj, message) -> None:
    from . import audit
    from django.contrib.admin.models import LogEntry

    said = LogEntry(change_message=message if isinstance(message, str)
                    else json.dumps(message, ensure_ascii=False))
    text = said.get_change_message() if message else ""
    audit.record(request.user, action, obj, f"{obj}：{text}" if text else str(obj),
                 after={"message": text} if text else None)


def json_shown(name: str, label: str):
    """A read-only view of a JSON column: the stored data as indented text in a
    <pre>, shown as data (its keys are codes of the formats, not words of the page)."""
    @admin.display(description=label)
    def shown(self, obj):
        value = getattr(obj, name)
        if value in (None, "", [], {}):
            return "（空）"
        return format_html('<pre class="json">{}</pre>',
                           json.dumps(value, ensure_ascii=False, indent=1, default=str))
    return shown


def coded(name: str, label: str, names):
    """A list or detail column showing a stored code by its Chinese name (`names`:
    a mapping or a function code -> name); the code itself when it has none."""
    @admin.display(description=label, ordering=name)
    def shown(self, obj):
        code = getattr(obj, name)
        if not code:
            return "（空）"
        try:
            return names(code) if callable(names) else names.get(code, code)
        except (KeyError, ValueError):
            return code
    return shown
