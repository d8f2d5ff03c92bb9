"""The admin site lists cases and registers; changes to cases go through the case
pages (the store replays and audit-logs them), so case rows are read-only here."""

from django.contrib import admin

from ...cases.model import CaseStatus
from ...cases.personal import FIELD_LABELS
from ...cases.registers import LitigationKind, LitigationOutcome
from ...standard.vocabulary import OUTCOME_NAMES
from ..admin_base import ReadOnlyAdmin, coded, json_shown
from .models import ActiveFiguresRecord, CalendarYear, CaseRecord, LitigationRecord, PersonalAccess



@admin.register(CaseRecord)
class CaseRecordAdmin(ReadOnlyAdmin):
    list_display = ("number", "agency", "status_shown", "received_on", "due_on", "provisional",
                    "closed_on", "outcome_shown")
    list_filter = ("provisional", "agency")
    search_fields = ("number", "subject")
    exclude = ("data", "status", "outcome", "applicant_type")
    readonly_fields = ("status_shown", "outcome_shown", "data_shown")

    status_shown = coded("status", "状态", lambda c: CaseStatus(c).label)
    outcome_shown = coded("outcome", "办理结果", OUTCOME_NAMES)
    data_shown = json_shown("data", "案件数据（申请人信息已加密）")


@admin.register(PersonalAccess)
class PersonalAccessAdmin(ReadOnlyAdmin):
    list_display = ("at", "case", "field_shown", "user", "role", "purpose")
    field_shown = coded("field", "字段", FIELD_LABELS)


@admin.register(LitigationRecord)
class LitigationRecordAdmin(ReadOnlyAdmin):
    list_display = ("number", "agency", "kind_shown", "received_on", "outcome_shown", "concluded_on")
    exclude = ("kind", "outcome", "data")
    readonly_fields = ("kind_shown", "outcome_shown", "data_shown")

    kind_shown = coded("kind", "类别", lambda c: LitigationKind(c).label)
    outcome_shown = coded("outcome", "结果", lambda c: LitigationOutcome(c).label)
    data_shown = json_shown("data", "登记数据")


@admin.register(ActiveFiguresRecord)
class ActiveFiguresRecordAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "updated_at")
    exclude = ("cells",)
    readonly_fields = ("cells_shown",)
    cells_shown = json_shown("cells", "表二数据")


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ("year", "version", "source", "entered_by", "entered_at")
