"""The cases API (django-ninja router mounted at /api/cases): the same builders as
the pages (`data.py`), the same store for changes. Bodies are JSON objects with the
form's field names, read by the API's one parser (api.JsonBody) into schemas that
refuse a key they do not know (422 naming it): `status`, `id` or `created_by` in a
new case were dropped without a word, and the case saved as if they were not there.
The forms (forms.py) still read the values, with their Chinese messages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from ninja import Router, Status
from ninja.errors import ValidationError

from ...cases.model import EventKind
from ..common import BodyIn, form_text, require
from . import data, forms, store
from .approving import approval_data, decide, pending_for, request_extension, request_for
from .querysets import case_for
from .store import StoreError

router = Router(tags=["cases"])

# A field's value as a JSON client may write it; the form reads it as the page's text.
Value = str | int | Decimal | None


class CaseIn(BodyIn):
    number: Value = None
    agency: Value = None
    name: Value = None
    applicant_type: Value = None
    channel: Value = None
    arrived_on: Value = None
    confirmed_on: Value = None
    subject: Value = None
    items: list[Value] | Value = None  # one a line, or a list
    id_number: Value = None
    phone: Value = None
    email: Value = None
    address: Value = None
    note: Value = None


class PreviewIn(BodyIn):
    arrived_on: Value = None
    channel: Value = None
    confirmed_on: Value = None


class EventIn(BodyIn):
    """Every event form's fields (forms.EVENT_FORMS); `_event_body` refuses those
    of another kind of event."""

    on: Value = None
    note: Value = None
    days: Value = None
    reply_by: Value = None
    party: Value = None
    notice_on: Value = None
    approver: Value = None
    fee_method: Value = None
    quantity: Value = None
    already: Value = None
    outcome: Value = None
    item_outcomes: list[Value] | Value = None


class DecisionIn(BodyIn):
    decision: str = ""  # approve | refuse
    reason: str = ""


class PurposeIn(BodyIn):
    purpose: str = ""


def _given(payload: BodyIn) -> dict[str, Any]:
    """The keys the client sent, as a form's data (forms._data reads lists and null)."""
    return payload.model_dump(exclude_unset=True)


def _event_body(kind: str, payload: EventIn) -> dict[str, Any]:
    """The body of an event of this kind: a field of another kind's form (`party` on
    an answer) is refused as an unknown key is, not dropped."""
    body = _given(payload)
    try:
        known = forms.EVENT_FORMS.get(EventKind(kind), forms.EventForm).base_fields
    except ValueError:
        return body  # forms.event refuses the kind (404)
    stray = [k for k in body if k not in known]
    if stray:
        raise ValidationError([{"type": "extra_forbidden", "loc": ("body", "payload", k), "msg":
                                f"{k} is no field of {kind}"} for k in stray])
    return body


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        raise StoreError(f"today 不是有效日期：{raw}") from None


@router.get("", summary="案件列表（可按 status、agency、year、q 筛选；status=open 为未办结）")
def list_cases(request, status: str | None = None, agency: int | None = None,
               year: int | None = None, q: str | None = None) -> dict[str, Any]:
    require(request, "cases")
    return data.case_list({"status": status, "agency": agency, "year": year, "q": q},
                          request.user)


@router.post("", response={201: dict}, summary="登记一件申请（字段同登记页面），返回案件及其期限")
def create_case(request, payload: CaseIn):
    require(request, "case_add")
    record = store.create_case(forms.intake(_given(payload), request.user), request.user)
    return Status(201, data.case_detail(record))


@router.get("/work", summary="工作清单：已超期、即将到期、等待申请人、征求意见中、待确认收到")
def work_lists(request, today: str | None = None) -> dict[str, Any]:
    require(request, "cases")
    return data.work_lists(_day(today), request.user)


@router.get("/reminders", summary="提醒：需要处理的事项")
def reminders(request, today: str | None = None) -> dict[str, Any]:
    require(request, "cases")
    return data.reminders(_day(today), request.user)


@router.post("/deadline-preview", summary="登记前预览答复期限（arrived_on、channel、confirmed_on），不保存")
def deadline_preview(request, payload: PreviewIn) -> dict[str, Any]:
    require(request, "case_add")
    return data.intake_preview(_given(payload))


@router.get("/approvals", summary="待我审批的延期答复申请（管理员：全部待审批的）")
def list_approvals(request) -> dict[str, Any]:
    require(request, "case_approve")
    rows = [approval_data(a) for a in pending_for(request.user)]
    return {"count": len(rows), "approvals": rows}


@router.post("/approvals/{int:pk}/decide",
             summary="审批一件延期答复申请：decision 为 approve（批准，答复期限随之延长）或 refuse（退回，须写 reason）；只有申请指定的批准人或管理员可以审批，留痕")
def decide_approval(request, pk: int, payload: DecisionIn) -> dict[str, Any]:
    require(request, "case_approve")
    row, record = request_for(request.user, pk)
    if payload.decision not in ("approve", "refuse"):
        raise StoreError("decision 应为 approve（批准）或 refuse（退回）")
    row = decide(row, request.user, payload.decision == "approve", payload.reason)
    record.refresh_from_db()
    return {"approval": approval_data(row), "case": data.case_detail(record)}


@router.get("/{int:pk}", summary="一件申请：状态、各项期限及其计算说明（暂定标记、日历版本）、办理经过")
def get_case(request, pk: int) -> dict[str, Any]:
    require(request, "cases")
    return data.case_detail(case_for(request.user, pk), request.user)


@router.post("/{int:pk}/events/{kind}",
             summary="记录一个办理事件（receipt_confirmed、correction_requested、answered…）；extended 只提交延期申请（须写 approver），待批准人批准（页面或 /api/cases/approvals/{id}/decide）后生效")
def add_event(request, pk: int, kind: str, payload: EventIn) -> dict[str, Any]:
    require(request, "case_work")
    record = case_for(request.user, pk)
    body = _event_body(kind, payload)
    event = forms.event(kind, body, request.user, store.case_of(record).items)
    if event.kind is EventKind.EXTENDED:  # two-step: pending until the approver decides
        row = request_extension(record, event, request.user, form_text(body.get("approver")))
        return {**data.case_detail(record), "approval": {"id": row.pk, "status": row.status}}
    return data.case_detail(store.record_event(record, event, request.user))


@router.post("/{int:pk}/reveal", summary="查看申请人证件号码和联系方式原文（须注明 purpose；留痕）")
def reveal(request, pk: int, payload: PurposeIn, response: HttpResponse) -> dict[str, Any]:
    require(request, "personal")
    response["Cache-Control"] = "no-store"  # clear personal data: no copy in any cache
    return {"case": pk, "applicant": store.reveal(case_for(request.user, pk), request.user,
                                                  payload.purpose)}
