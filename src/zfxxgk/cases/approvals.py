"""Two-step approval of an act that needs the 负责人's consent (延期答复, 《条例》
第三十三条第二款): the clerk requests it naming an approver, the approver decides.
Pure rules only; the web layer stores requests and applies the approved event."""

from __future__ import annotations

from .records import Labelled


class ApprovalStatus(Labelled):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "已退回"


class ApprovalError(ValueError):
    """A decision that the rules forbid; the message is Chinese and shown as is."""


def check_request(requester: str, approver: str) -> None:
    """A request must name somebody else: nobody approves their own request."""
    if not approver.strip():
        raise ApprovalError("延期答复须经政府信息公开工作机构负责人同意，请选择批准人")
    if approver == requester:
        raise ApprovalError("不能指定自己为批准人")


def check_decision(status: ApprovalStatus, requester: str, approver: str, decider: str,
                   decider_is_admin: bool, approve: bool, reason: str) -> None:
    """Only the named approver (or a 管理员) decides, once, and never on their own
    request; a refusal states why."""
    if status is not ApprovalStatus.PENDING:
        raise ApprovalError(f"该申请已{status.label}，不能再审批")
    if decider == requester:
        raise ApprovalError("不能审批自己提交的申请")
    if decider != approver and not decider_is_admin:
        raise ApprovalError("只有申请指定的批准人或管理员可以审批")
    if not approve and not reason.strip():
        raise ApprovalError("退回须写明理由")
