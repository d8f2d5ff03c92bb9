"""Which agency (or region) a user works for: the scope of what they see and change.

A 录入员 belongs to one agency; a 审核员 or 只读 user covers an agency with the
agencies below it in the tree, or a whole region; a 管理员 everything. Users made
before scopes existed have no membership: they keep working at their role (as
before) and `zfxxgk users list` shows them for an administrator to assign."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Membership(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="用户",
                                on_delete=models.CASCADE, related_name="membership")
    agency = models.ForeignKey("reports.Agency", verbose_name="机关", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="members")
    region = models.CharField("地区", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "用户所属机关"

    def __str__(self) -> str:
        return f"{self.user}：{self.agency or self.region or '未分配'}"
