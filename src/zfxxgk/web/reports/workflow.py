"""A report's way through the office: 录入 → 审核 → 发布 (or back to 录入), and a
correction of a published report as a new version. Each step is one transaction
with its audit entry, as every change in services.py is."""

from __future__ import annotations

from django.db import transaction
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from .. import audit
from .models import Report, Status
from .querysets import require_change
from .services import ServiceError, finding_rows, locked, snapshot

# action -> (allowed from, to, Chinese name, permission)
TRANSITIONS = {
    "submit": ((Status.DRAFT,), Status.REVIEW, "提交审核", "reports.change_report"),
    # a draft too: a district reviewer files the bodies' reports from a batch as drafts
    # and had no way to send one back with what to fix (it stays 录入, marked 已退回)
    "return": ((Status.REVIEW, Status.DRAFT), Status.DRAFT, "退回修改", "reports.publish_report"),
    "publish": ((Status.REVIEW,), Status.PUBLISHED, "发布", "reports.publish_report"),
}


def actions(row: Report, user) -> list[tuple[str, str]]:
    """The steps the report's page offers `user` now: (action, Chinese name)."""
    return [(action, label) for action, (sources, _, label, perm) in TRANSITIONS.items()
            if row.status in sources and user.has_perm(perm)]


@transaction.atomic
def transition(row: Report, action: str, user, if_match: str | None = None,
               reason: str = "") -> Report:
    """Move a report along 录入 → 审核 → 发布 (or back to 录入). `reason`: why a
    report is sent back, kept in its audit entry and shown to its clerk
    (`return_reason`)."""
    sources, target, label, _ = may_take(action, user)
    row = locked(row, user, if_match)
    if row.status not in sources:
        raise ServiceError(f"报告处于“{row.get_status_display()}”状态，不能{label}", 409)
    if action == "publish":  # review may see a draft; the public never does
        _refuse_placeholders(row, label)
    before = snapshot(row)
    row.status = target
    if target == Status.PUBLISHED:
        row.published_at = timezone.now()
    row.save()
    after = snapshot(row)
    reason = reason.strip()[:300] if action == "return" else ""
    if reason:
        after["reason"] = reason
    audit.record(user, label, row, f"{row.title}：{reason}" if reason else row.title,
                 before=before, after=after)
    return row


def may_take(action: str, user) -> tuple:
    """The step's (sources, target, label, permission), or 400 for no such step and
    403 for a user without its permission: asked before the version the request
    carries, so that a refusal by role is not hidden behind a 428."""
    if action not in TRANSITIONS:
        raise ServiceError(f"没有这个操作：{action}")
    step = TRANSITIONS[action]
    if not user.has_perm(step[3]):
        raise ServiceError(f"没有权限：{step[2]}", 403)
    return step


def return_reason(row: Report) -> dict | None:
    """Why the reviewer sent this draft back (who, when, what they wrote), while it
    is the latest step: the clerk, who cannot read the audit log, saw only that the
    report was 录入 again."""
    return returned_drafts([row]).get(row.pk)


def returned_drafts(rows) -> dict[int, dict]:
    """`return_reason` of each draft among `rows` that a reviewer sent back, in one
    query: a list of 200 reports shows 已退回 without asking 200 times."""
    from ..audit.models import AuditEntry

    ids = [str(r.pk) for r in rows if r.status == Status.DRAFT]
    if not ids:
        return {}
    steps = (AuditEntry.objects.filter(object_type="report", object_id__in=ids,
                                       action__in=[TRANSITIONS["submit"][2], TRANSITIONS["return"][2]])
             .select_related("user").order_by("object_id", "-at", "-pk"))
    seen: set[str] = set()
    out: dict[int, dict] = {}
    for e in steps:
        if e.object_id in seen:
            continue  # an older step: the latest one decides
        seen.add(e.object_id)
        if e.action == TRANSITIONS["return"][2]:
            out[int(e.object_id)] = {"by": e.user.get_username() if e.user_id else "", "at": e.at,
                                     "reason": (e.after or {}).get("reason", "")}
    return out


def returned_only(qs: QuerySet[Report]) -> QuerySet[Report]:
    """The drafts of `qs` a reviewer sent back, by the rule `returned_drafts` marks
    them 已退回 (the latest submit or return is a return), in the database: the list's
    filter 已退回, for the reviewer who looks for what is still with the clerks."""
    from ..audit.models import AuditEntry

    latest = (AuditEntry.objects.filter(object_type="report", object_id=Cast(OuterRef("pk"), CharField()),
                                        action__in=[TRANSITIONS["submit"][2], TRANSITIONS["return"][2]])
              .order_by("-at", "-pk").values("action")[:1])
    return (qs.filter(status=Status.DRAFT).annotate(latest_step=Subquery(latest))
            .filter(latest_step=TRANSITIONS["return"][2]))


def _refuse_placeholders(row: Report, label: str) -> None:
    """A drafted part still holding 【待补充…】 is not ready to be published."""
    from ...standard.placeholders import placeholders_left

    left = placeholders_left(row.data.get("sections"))
    if left:
        raise ServiceError(f"正文{left}还有【待补充】的内容，请补写后再{label}", 409)


@transaction.atomic
def new_version(row: Report, user) -> Report:
    """A correction of a published report: a new draft with the next version number;
    the published one stays as it was."""
    require_change(user, row)
    if not row.frozen:
        raise ServiceError("只有已发布的报告需要建立新版本", 409)
    copy = Report.objects.get(pk=row.pk)
    copy.pk = None
    copy.status, copy.version, copy.previous_version = Status.DRAFT, row.version + 1, row
    copy.published_at = None
    copy.created_by = user
    copy.save()
    finding_rows(copy, row.findings.all())  # in order of position: the same positions
    audit.record(user, "建立新版本", copy, f"{copy.title} 第{copy.version}版",
                 after=snapshot(copy))
    return copy
