"""The audit log: one row per change, who made it, when, and the data before and after.

Rows are written in the same transaction as the change they describe (see
`audit.record`), so a change and its record are saved together or not at all."""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", null=True,
                             blank=True, on_delete=models.SET_NULL)
    action = models.CharField("操作", max_length=40)
    object_type = models.CharField("对象类型", max_length=40)
    object_id = models.CharField("对象编号", max_length=40, blank=True)
    summary = models.CharField("说明", max_length=300, blank=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        from .describe import action_label

        return f"{self.at:%Y-%m-%d %H:%M} {self.user or '系统'} {action_label(self.action)} {self.summary}"
