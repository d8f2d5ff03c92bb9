"""Agencies, their annual reports and the findings on them.

A `Report` row keeps the `zfxxgk.report/1` JSON as the library produced it (the
interchange format is the stored form: the API hands it out unchanged), plus what
the checker needs to run again after an edit and cannot get from that JSON: the
parser's notes and the source's lines (for excerpts). The counts of findings are
kept on the row so that a table of six hundred reports is one query.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction

from ...ingest import detect
from ..exactjson import ExactJSONField
from .figures import COLUMNS, columns_of


class Agency(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", "省"
        CITY = "city", "市"
        COUNTY = "county", "区县"
        TOWNSHIP = "township", "乡镇街道"
        DEPARTMENT = "department", "部门"

    key = models.CharField("机关标识", max_length=200, unique=True)
    name = models.CharField("机关名称", max_length=200)
    region = models.CharField("地区", max_length=200, blank=True)
    level = models.CharField("层级", max_length=20, choices=Level.choices, blank=True)
    parent = models.ForeignKey("self", verbose_name="上级", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="children")
    # Set when an administrator corrected level or parent: uploads no longer move it.
    placed_by_hand = models.BooleanField("人工设定层级", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "机关"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BatchStatus(models.TextChoices):
    """A finished batch is 已完成 when any file gave a report (the files that could
    not be read are counted beside it: 已完成（3 个文件无法读取）), 失败 only when none
    did. 部分失败 (`partial`, until migration 0008) read as if the batch had broken
    when 5 of 200 files were damaged."""

    QUEUED = "queued", "排队"
    RUNNING = "running", "处理中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Batch(models.Model):
    """Several reports uploaded together (many files or a zip), reviewed as a table.

    The upload only stores the files (`BatchItem`s); a background worker reads and
    checks them (batchjobs.py). `claimed_by`/`heartbeat` say which process is
    working on the batch, so that two processes never run the same one and a batch
    left by a killed process is taken up again."""

    name = models.CharField("名称", max_length=200)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True,
                                   on_delete=models.SET_NULL)
    rejected = models.JSONField("无法读取的文件", default=list, blank=True)
    status = models.CharField("状态", max_length=10, choices=BatchStatus.choices,
                              default=BatchStatus.QUEUED, db_index=True)
    total = models.PositiveIntegerField("文件数", default=0)
    processed = models.PositiveIntegerField("已处理", default=0)
    failed = models.PositiveIntegerField("失败", default=0)
    started_at = models.DateTimeField("开始处理", null=True, blank=True)
    finished_at = models.DateTimeField("处理完成", null=True, blank=True)
    claimed_by = models.CharField("处理进程", max_length=100, blank=True)
    heartbeat = models.DateTimeField("进程最近活动", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "批量核查"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def finished(self) -> bool:
        return self.status in (BatchStatus.DONE, BatchStatus.FAILED)

    @property
    def status_label(self) -> str:
        """The status as pages, the API and exports show it, with the count of
        files that gave no report once the batch is finished."""
        label = self.get_status_display()
        if self.status == BatchStatus.DONE and self.failed:
            return f"{label}（{self.failed} 个文件无法读取）"
        if self.status == BatchStatus.FAILED:
            return f"{label}（{self.failed} 个文件均无法读取）"
        return label


def finished_status(failed: int, total: int) -> str:
    """失败 when no file of `total` gave a report, else 已完成."""
    return BatchStatus.FAILED if failed >= total else BatchStatus.DONE


class BatchItem(models.Model):
    """One file of a batch, kept in the data folder until the worker has read it.
    Keyed by its SHA-256 within the batch: the same file twice is one item, and a
    resumed batch never stores a report twice."""

    class State(models.TextChoices):
        PENDING = "pending", "待处理"
        DONE = "done", "完成"
        FAILED = "failed", "失败"

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField("顺序")
    name = models.CharField("文件名", max_length=300)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小", default=0)
    path = models.CharField("暂存文件", max_length=300, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    error = models.TextField("错误", blank=True)
    report = models.ForeignKey("Report", verbose_name="报告", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    finished_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "批量核查文件"
        ordering = ["batch", "position"]
        constraints = [models.UniqueConstraint(fields=["batch", "sha256"],
                                               name="batch_item_unique_sha256")]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    """The workflow 录入 → 审核 → 发布; a published report is frozen."""

    DRAFT = "draft", "录入"
    REVIEW = "review", "审核"
    PUBLISHED = "published", "发布"


# The totals a check or a verdict sets on a report (verdicts.set_counts): a save
# after either names them all
COUNTS = ["errors", "warnings", "infos", "findings_total", "open_findings"]


class Report(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="reports")
    batch = models.ForeignKey(Batch, verbose_name="批次", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="reports")
    title = models.CharField("标题", max_length=300)
    year = models.IntegerField("年度", null=True, blank=True, db_index=True)
    template = models.CharField("表格格式", max_length=8, blank=True)
    data = ExactJSONField("报告数据（zfxxgk.report/1）")  # money as written, not as floats
    notes = models.JSONField("解析备注", default=list, blank=True)
    source_lines = models.JSONField("原文各行", default=dict, blank=True)
    source_name = models.CharField("来源文件名", max_length=300, blank=True)
    source_file = models.FileField("来源文件", upload_to="sources/%Y/", blank=True)
    # The format read from the bytes (ingest.detect.sniff: pdf, docx, doc, html, text, …),
    # as `zfxxgk batch` records it; a file's name may lie (附件.bin, a DOCX named .doc).
    source_format = models.CharField("来源格式", max_length=8, blank=True,
                                     choices=list(detect.NAMES.items()))
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, db_index=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    version = models.PositiveIntegerField("版本", default=1)
    previous_version = models.ForeignKey("self", verbose_name="上一版本", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="next_versions")
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    infos = models.PositiveIntegerField("提示", default=0)
    # The findings, and those without a reviewer's verdict yet: kept with the totals
    # above at every check and every verdict (verdicts.set_counts), so that the
    # list's 审核 column and filter are columns, not fingerprints computed per request.
    findings_total = models.PositiveIntegerField("问题数", default=0)
    open_findings = models.PositiveIntegerField("待审核问题数", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    # False for a report a batch review read: it stays in its batch, out of the
    # office's report list, the dashboard and the year-before lookups, until a
    # reviewer files it (入库).
    filed = models.BooleanField("已入库", default=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告"
        ordering = ["-created_at", "-id"]
        # the list's order: its first page read from the index, not by sorting every
        # report (84 ms at 20 000 on SQLite)
        indexes = [models.Index(fields=["created_at", "id"], name="report_created")]
        permissions = [("publish_report", "可以审核、退回和发布报告")]

    def __str__(self) -> str:
        return self.title

    @property
    def frozen(self) -> bool:
        return self.status == Status.PUBLISHED

    def save(self, *args, **kwargs) -> None:
        """Every save that writes the data writes its summary with it, in the same
        transaction (one place: uploads, edits, re-reads, new versions, the admin and
        imports all come here)."""
        fields = kwargs.get("update_fields")
        if fields is not None and "data" not in fields:
            super().save(*args, **kwargs)
            return
        from .summary import summary_of

        made = summary_of(self.data)
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            kept = ReportSummary.objects.using(self._state.db)
            fields = fields_of(made)
            if not kept.filter(report_id=self.pk).update(**fields):  # a new report (or one stored in bulk)
                kept.update_or_create(report_id=self.pk, defaults=fields)


class ReportSummary(models.Model):
    """What the dashboard reads of a report's data (summary.py), one row per report,
    written by `Report.save()` with the data; deleted with the report. A table of its
    own: on the report's row it came after the report JSON, and SQLite reads a column
    there through the JSON's overflow pages (8 or so per report)."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, primary_key=True,
                                  related_name="summary_row", verbose_name="报告")
    summary = ExactJSONField("统计摘要", default=dict, blank=True)
    # What the dashboard reads and sums of it, as columns (figures.py): the code that
    # made it (summary.VERSION), the body, scope and filled cells (corpus.dedupe.choose),
    # and the numbers (figures.COLUMNS, added below), `plain` when they hold all of them.
    v = models.CharField("摘要版本", max_length=40, blank=True, default="", db_index=True)
    body_key = models.TextField("机关标识（报告所写）", null=True, blank=True)
    body_name = models.TextField("机关名称（报告所写）", null=True, blank=True)
    scope = models.CharField("范围", max_length=20, default="agency")
    filled = models.IntegerField("有数值的单元格", default=0)
    plain = models.BooleanField("数字都在列中", default=False, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "统计摘要"

    def set_summary(self, summary: dict) -> None:
        """The summary and its columns (`fields_of`)."""
        for name, value in fields_of(summary).items():
            setattr(self, name, value)


def fields_of(summary: dict) -> dict:
    """ReportSummary's fields for a summary (summary.summary_of): the JSON and its columns."""
    data = summary or {}
    return {"summary": summary, "v": data.get("v") or "", "body_key": data.get("agency_key"),
            "body_name": data.get("agency"), "scope": data.get("scope") or "agency",
            "filled": data.get("filled") or 0, **columns_of(data)}


for _name in COLUMNS:
    ReportSummary.add_to_class(_name, models.BigIntegerField(_name, null=True, blank=True))
del _name


class Verdict(models.Model):
    """A reviewer's judgement of a finding: confirmed (确认) or dismissed (排除),
    with a comment. Kept by the finding's fingerprint (rule, cells, quoted source
    text; app.finding_table.fingerprint) under the report's subject (the body and
    year, or the first version of a report without them), so it outlives a
    re-check, an edit that keeps the finding, and a new version. A dismissed
    finding stays shown but no longer counts in the report's totals."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", "确认"
        DISMISSED = "dismissed", "排除"

    subject = models.CharField("对象", max_length=100)
    fingerprint = models.CharField("问题指纹", max_length=64)
    rule = models.CharField("规则", max_length=20)
    verdict = models.CharField("审核结论", max_length=10, choices=Kind.choices)
    comment = models.TextField("审核意见", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("审核时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "问题审核结论"
        constraints = [models.UniqueConstraint(fields=["subject", "fingerprint"],
                                               name="verdict_unique_subject_fingerprint")]

    def __str__(self) -> str:
        return f"{self.rule} {self.get_verdict_display()}"


class Finding(models.Model):
    """One finding of findings.md, as the checker gave it for the report's current data."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveIntegerField("顺序")
    rule = models.CharField("规则", max_length=20, db_index=True)
    severity = models.CharField("级别", max_length=10, db_index=True)
    message = models.TextField("说明")
    cells = models.JSONField("单元格", default=list)
    where = models.JSONField("位置", default=dict)
    suggestion = models.TextField("修改建议", blank=True, null=True)

    class Meta:
        verbose_name = verbose_name_plural = "核查问题"
        ordering = ["report", "position"]

    def to_dict(self) -> dict:
        """The finding in the public findings.md shape."""
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "cells": list(self.cells), "where": dict(self.where),
                "suggestion": self.suggestion}
