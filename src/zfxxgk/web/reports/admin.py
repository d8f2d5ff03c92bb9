from django import forms
from django.contrib import admin

from ...parse.agency import agency_key
from .. import audit
from ..admin_base import AuditedAdmin, ReadOnlyAdmin, json_shown
from .models import Agency, Batch, BatchItem, Report, Verdict
from .placing import placement_state, makes_cycle


class AgencyForm(forms.ModelForm):
    """The key is never typed: an agency added here gets the key its reports will
    carry (`agency_key` of its name), so that its uploads and its clerks meet in this
    agency. A key typed by hand (``donghu``) left the agency empty, the first upload
    made a second agency of the same name, and its clerk's uploads were refused."""

    class Meta:
        model = Agency
        exclude = ("key",)

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("name"):
            key = agency_key(data["name"])
            if Agency.objects.filter(key=key).exists():
                self.add_error("name", f"已有这个机关：{data['name']}")
            self.instance.key = key
        return data

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if self.instance.pk and makes_cycle(self.instance, parent):
            raise forms.ValidationError("上级不能是本机关或它的下级")
        return parent


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    """Where the administrator corrects agencies in the tree (level, parent): a
    correction is marked as made by hand, so later uploads leave it, and logged."""

    form = AgencyForm
    list_display = ("name", "region", "level", "parent", "placed_by_hand")
    list_filter = ("level", "placed_by_hand")
    search_fields = ("name", "key", "region")

    change_list_template = "admin/zfxxgk_agency_list.html"

    def get_readonly_fields(self, request, obj=None):
        return ("key",) if obj is not None else ()

    def get_urls(self):
        from django.urls import path

        return [path("rekey/", self.admin_site.admin_view(self.rekey_view), name="reports_agency_rekey"),
                *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        from .rekeying import plans

        return super().changelist_view(request, {**(extra_context or {}), "rekey_count": len(plans())})

    def rekey_view(self, request):
        """Agencies made with a hand-typed 机关标识: the preview, then (POST) the merge."""
        from django.contrib import messages
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import redirect
        from django.template.response import TemplateResponse

        from .rekeying import carry_out, plans

        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            done, refused = carry_out(request.user)
            for plan in done:
                messages.success(request, plan.describe())
            for plan in refused:
                messages.error(request, plan.describe())
            return redirect("admin:reports_agency_changelist")
        return TemplateResponse(request, "admin/zfxxgk_agency_rekey.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta,
            "title": "核对机关标识", "plans": plans()})

    def save_model(self, request, obj, form, change):
        before = placement_state(Agency.objects.get(pk=obj.pk)) if change else None
        if {"level", "parent"} & set(form.changed_data) and "placed_by_hand" not in form.changed_data:
            obj.placed_by_hand = True
        super().save_model(request, obj, form, change)  # the admin runs this in a transaction
        audit.record(request.user, "更正机关层级" if change else "建立机关", obj, obj.name,
                     before=before, after=placement_state(obj))

    # save_model above writes the audit entry, with the placement before and after.
    def log_addition(self, request, obj, message):
        return admin.ModelAdmin.log_addition(self, request, obj, message)

    def log_change(self, request, obj, message):
        return admin.ModelAdmin.log_change(self, request, obj, message)


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """Reports change only through the pages and the API (the service layer: scope,
    version, workflow, audit); here they are shown, never changed or deleted."""

    list_display = ("title", "year", "status", "version", "errors", "warnings", "created_at")
    list_filter = ("status", "year")
    search_fields = ("title", "source_name", "sha256")
    exclude = ("data", "notes", "source_lines")
    readonly_fields = ("sha256", "errors", "warnings", "infos", "data_shown", "notes_shown", "lines_shown")
    data_shown = json_shown("data", "报告数据（zfxxgk.report/1）")
    notes_shown = json_shown("notes", "解析备注")
    lines_shown = json_shown("source_lines", "原文各行")


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdmin):
    """Reviewers' verdicts, shown here, given or withdrawn only on the report's page
    and the API (verdicts.decide): there each one stores again the totals of every
    report of its subject (错误, 问题数, 待审核 of the list's 审核 filter) and is audited.
    A verdict changed or deleted here (a superuser holds every model permission)
    would leave those totals counting the old one."""

    list_display = ("rule", "verdict", "comment", "subject_shown", "decided_by", "decided_at")
    list_filter = ("verdict",)
    search_fields = ("subject", "rule", "comment")

    @admin.display(description="对象", ordering="subject")
    def subject_shown(self, obj) -> str:
        """The subject in words: the agency's name and the year, or the report's title."""
        kind, _, rest = obj.subject.partition(":")
        pk, _, year = rest.partition(":")
        model = Agency if kind == "agency" else Report
        name = model.objects.filter(pk=pk).values_list("name" if kind == "agency" else "title",
                                                       flat=True).first() if pk.isdigit() else None
        return f"{name or obj.subject}{f'{year}年' if year else ''}"


class BatchItemInline(admin.TabularInline):
    model = BatchItem
    fields = ("position", "name", "state", "error", "report", "finished_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Batch)
class BatchAdmin(ReadOnlyAdmin):
    """Batches are shown, not edited: their state belongs to the worker (worker.py)."""

    list_display = ("name", "status", "processed", "total", "failed", "created_by", "created_at")
    list_filter = ("status",)
    inlines = [BatchItemInline]
    exclude = ("rejected",)
    readonly_fields = ("rejected_shown",)
    rejected_shown = json_shown("rejected", "无法读取的文件")


admin.site.site_header = admin.site.site_title = "zfxxgk 管理"
