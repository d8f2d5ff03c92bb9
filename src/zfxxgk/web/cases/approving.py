"""Two-step 延期答复: a clerk's request is stored pending (the case and its deadline
untouched) and applied only when the named 审核员 approves it. Rules come from
`cases.approvals`; each step writes one 操作记录 entry in its own transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ...cases.approvals import ApprovalError, ApprovalStatus, check_decision, check_request
from ...cases.model import Event
from ...cases.workflow import TransitionError, apply, replay
from .. import audit
from ..accounts import scope
from . import store
from .forms import approvers
from .models import ApprovalRequest, CaseRecord
from .store import StoreError


def _approver_for(username: str, record: CaseRecord):
    """The named user, if they hold the permission and the case's agency is theirs."""
    user = approvers().filter(username=username).first()
    if user is None:
        raise StoreError(f"“{username}”不是有批准延期权限的用户")
    ids = scope.agency_ids(user)
    if ids is not None and record.agency_id not in ids:
        raise StoreError(f"“{username}”不负责{record.agency.name}的申请，不能批准")
    return user


def _name(user) -> str:
    """An approver as a case's events and letters name them."""
    return user.get_full_name() or user.get_username()


def request_extension(record: CaseRecord, event: Event, user, approver_name: str) -> ApprovalRequest:
    """Store the request pending. The state machine checks it now (on a copy), so a
    request the law refuses is refused at once, not at approval."""
    store.require_scope(user, record.agency)
    approver = _approver_for(approver_name.strip(), record)
    try:
        check_request(user.get_username(), approver_name.strip())
    except ApprovalError as e:
        raise StoreError(str(e)) from None
    event.approver = _name(approver)
    cal = store.calendar()
    try:
        apply(replay(store.case_of(record), cal), event, cal)
    except TransitionError as e:
        raise StoreError(str(e)) from None
    if record.approvals.filter(status=ApprovalStatus.PENDING.value).exists():
        raise StoreError("本申请已有待审批的延期申请", 409)
    with transaction.atomic():
        row = ApprovalRequest.objects.create(case=record, kind=event.kind.value,
                                             event=event.to_dict(), requested_by=user,
                                             approver=approver)
        audit.record(user, "create", row, f"{record.number}：申请延期答复{event.days}个工作日，"
                     f"待{_name(approver)}审批",
                     None, {"status": row.status, "event": row.event})
    return row


def decide(row: ApprovalRequest, user, approve: bool, reason: str = "") -> ApprovalRequest:
    """Approve (the event is applied: deadline extended, explanation recorded) or
    refuse with a reason; only the named approver or a 管理员 may."""
    with transaction.atomic():
        row = ApprovalRequest.objects.select_for_update(of=("self",)).select_related(
            "case__agency", "requested_by", "approver").get(pk=row.pk)
        try:
            check_decision(ApprovalStatus(row.status),
                           row.requested_by.get_username() if row.requested_by else "",
                           row.approver.get_username() if row.approver else "",
                           user.get_username(), scope.is_admin(user), approve, reason)
        except ApprovalError as e:
            raise StoreError(str(e), 403) from None
        store.require_scope(user, row.case.agency)
        before = {"status": row.status}
        if approve:
            event = Event.from_dict(row.event)
            event.approver = _name(row.approver or user)
            store.record_event(row.case, event, user)
        row.status = (ApprovalStatus.APPROVED if approve else ApprovalStatus.REFUSED).value
        row.reason, row.decided_by, row.decided_at = reason.strip()[:300], user, timezone.now()
        row.save()
        verb = "批准" if approve else f"退回（{row.reason}）"
        audit.record(user, "change", row, f"{row.case.number}：延期答复申请已{verb}",
                     before, {"status": row.status, "reason": row.reason})
    return row


def request_for(user, pk: int) -> tuple[ApprovalRequest, CaseRecord]:
    """A request and its case, for a decision: 404 when the case is outside the
    user's scope, as for the case itself."""
    from django.shortcuts import get_object_or_404

    from .querysets import case_for

    row = get_object_or_404(ApprovalRequest, pk=pk)
    return row, case_for(user, row.case_id)


def pending_for(user):
    """The requests waiting for `user` (every pending one for a 管理员)."""
    qs = ApprovalRequest.objects.filter(status=ApprovalStatus.PENDING.value).select_related(
        "case", "requested_by", "approver")
    return qs if scope.is_admin(user) else qs.filter(approver=user)


def approval_data(row: ApprovalRequest) -> dict:
    """One request as the API returns it (the page shows the same facts)."""
    def name(u):
        return u.get_username() if u else None

    return {"id": row.pk, "case": row.case_id, "number": row.case.number, "kind": row.kind,
            "days": row.event.get("days"), "status": row.status,
            "status_label": ApprovalStatus(row.status).label,
            "requested_by": name(row.requested_by), "requested_at": row.requested_at,
            "approver": name(row.approver), "decided_by": name(row.decided_by),
            "decided_at": row.decided_at, "reason": row.reason}

