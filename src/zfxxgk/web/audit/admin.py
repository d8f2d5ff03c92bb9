"""The audit log in the admin site, read-only, in the words of the 操作记录 page:
actions and objects by their Chinese names, before and after as sentences."""

from django.contrib import admin

from ..admin_base import ReadOnlyAdmin, coded, json_shown
from .describe import action_label, object_label, sentences
from .models import AuditEntry


class ObjectTypeFilter(admin.SimpleListFilter):
    """By the kind of thing changed, named in Chinese (报告, 申请, 用户 …)."""

    title = "对象类型"
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        kinds = AuditEntry.objects.values_list("object_type", flat=True).distinct().order_by("object_type")
        return [(k, object_label(k)) for k in kinds]

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: an audit log that can be edited is no audit log."""

    list_display = ("at", "user", "action_shown", "object_shown", "object_id", "summary")
    list_filter = (ObjectTypeFilter,)
    fields = ("at", "user", "action_shown", "object_shown", "object_id", "summary", "changes",
              "before_shown", "after_shown")
    readonly_fields = fields

    action_shown = coded("action", "操作", action_label)
    object_shown = coded("object_type", "对象类型", object_label)
    before_shown = json_shown("before", "修改前（数据）")
    after_shown = json_shown("after", "修改后（数据）")

    @admin.display(description="改动")
    def changes(self, obj):
        return "；".join(sentences(obj.before, obj.after)) or "（无）"
