"""The admin site lists cases and registers; changes to cases go through the case
pages (the store replays and audit-logs them), so case rows are read-only here."""

from django.contrib import admin

from ..admin_base import ReadOnlyAdmin
from .models import ActiveFiguresRecord, CalendarYear, CaseRecord, LitigationRecord, PersonalAccess


@admin.register(CaseRecord)
class CaseRecordAdmin(ReadOnlyAdmin):
    list_display = ("number", "agency", "status", "received_on", "due_on", "provisional",
                    "closed_on", "outcome")
    list_filter = ("status", "provisional", "agency")
    search_fields = ("number", "subject")


@admin.register(PersonalAccess)
class PersonalAccessAdmin(ReadOnlyAdmin):
    list_display = ("at", "case", "field", "user", "role", "purpose")


@admin.register(LitigationRecord)
class LitigationRecordAdmin(ReadOnlyAdmin):
    list_display = ("number", "agency", "kind", "received_on", "outcome", "concluded_on")
    list_filter = ("kind", "outcome")


@admin.register(ActiveFiguresRecord)
class ActiveFiguresRecordAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "updated_at")


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ("year", "version", "source", "entered_by", "entered_at")
