"""Cases and registers as rows. The domain objects (`zfxxgk.cases`) are the stored
form: `data` holds `Case.to_dict()` (the applicant sealed, see `cases.personal`)
and the other columns are copies kept so that lists and work lists are queries.
Only `store` writes them, so the copies never drift from `data`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..exactjson import ExactJSONField
from ..reports.models import Agency


class CaseRecord(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT,
                               related_name="cases")
    number = models.CharField("申请编号", max_length=60)
    data = models.JSONField("案件数据")
    status = models.CharField("状态", max_length=30, db_index=True)
    applicant_type = models.CharField("申请人类型", max_length=20)
    subject = models.CharField("申请内容", max_length=300, blank=True)
    received_on = models.DateField("收到申请日期", null=True, blank=True, db_index=True)
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    provisional = models.BooleanField("期限暂定", default=False)
    calendar_version = models.CharField("日历版本", max_length=200, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    outcome = models.CharField("办理结果", max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "依申请公开案件"
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"],
                                               name="case_number_unique_per_agency")]
        permissions = [("reveal_personal", "查看申请人证件号码和联系方式"),
                       ("approve_caserecord", "批准延期答复")]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"


class PersonalAccess(models.Model):
    """One reveal of one applicant field (`cases.personal.AccessRecord` as a row)."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    case = models.ForeignKey(CaseRecord, verbose_name="案件", on_delete=models.CASCADE,
                             related_name="accesses")
    field = models.CharField("字段", max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", null=True,
                             on_delete=models.SET_NULL, related_name="+")
    role = models.CharField("角色", max_length=40)
    purpose = models.CharField("用途", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "个人信息查看记录"
        ordering = ["-at", "-id"]


class LitigationRecord(models.Model):
    """表四 register: one 行政复议 or 行政诉讼 (`cases.registers.LitigationCase`)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT,
                               related_name="litigation")
    number = models.CharField("编号", max_length=60)
    kind = models.CharField("类别", max_length=30)
    received_on = models.DateField("收到日期")
    outcome = models.CharField("结果", max_length=20, default="pending")
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    data = models.JSONField("登记数据")
    # the applications it concerns, of its own agency (`data["cases"]` holds their numbers)
    cases = models.ManyToManyField(CaseRecord, verbose_name="涉及申请", related_name="litigation",
                                   blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "复议诉讼登记"
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"],
                                               name="litigation_number_unique_per_agency")]

    def __str__(self) -> str:
        return self.number


class ActiveFiguresRecord(models.Model):
    """表二 register: one agency's figures for one year (`registers.ActiveFigures`)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT,
                               related_name="active_figures")
    year = models.IntegerField("年度")
    cells = ExactJSONField("表二数据")  # an amount (万元) as written: 8235.4200, not a float
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "主动公开数据登记"
        ordering = ["-year", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"],
                                               name="active_figures_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class CalendarYear(models.Model):
    """A year of the working-day calendar entered by an administrator: the text of a
    year file (`cases/calendars/*.toml` format). It replaces the bundled year."""

    year = models.IntegerField("年份", unique=True)
    data = models.TextField("日历文件内容（TOML）")
    version = models.CharField("版本", max_length=20)
    source = models.CharField("依据（国务院办公厅通知）", max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}（{self.version}）"


class ApprovalRequest(models.Model):
    """A 延期答复 requested by a clerk and waiting for the named approver
    (`cases.approvals`). The case is untouched until it is approved: `event` holds
    the event that approval applies."""

    case = models.ForeignKey(CaseRecord, verbose_name="案件", on_delete=models.CASCADE,
                             related_name="approvals")
    kind = models.CharField("事项", max_length=30, default="extended")
    event = models.JSONField("申请的办理事件")
    status = models.CharField("状态", max_length=20, default="pending", db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", null=True,
                                 on_delete=models.SET_NULL, related_name="approvals_to_decide")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    reason = models.CharField("退回理由", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "待审批事项"
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.kind} {self.status}"


class LetterSettingsRecord(models.Model):
    """An agency's letter settings (`cases.letter_settings.LetterSettings`): the short
    name in its letters' numbers, the number's format, its 复议机关 and 人民法院. Set on
    the 文书设置 page; the data folder's letters.toml serves an agency without a row."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT,
                               related_name="letter_settings")
    data = models.JSONField("文书设置")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书设置"
        constraints = [models.UniqueConstraint(fields=["agency"], name="letter_settings_one_per_agency")]

    def __str__(self) -> str:
        return str(self.agency)
