from django.contrib import admin

from .models import Agency, Batch, Report


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """Where the administrator places agencies in the tree (level, parent)."""

    list_display = ("name", "region", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name", "key", "region")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "status", "version", "errors", "warnings", "created_at")
    list_filter = ("status", "year")
    search_fields = ("title", "source_name", "sha256")
    readonly_fields = ("data", "notes", "source_lines", "sha256", "errors", "warnings", "infos")


admin.site.register(Batch)
admin.site.site_header = admin.site.site_title = "zfxxgk 管理"
