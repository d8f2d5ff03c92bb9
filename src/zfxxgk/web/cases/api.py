"""The cases API (django-ninja router mounted at /api/cases): the same builders as
the pages (`data.py`), the same store for changes. Bodies are JSON objects with the
form's field names."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpResponse
from ninja import Router, Status

from ...cases.model import EventKind
from ...model import json_data
from ..common import require
from . import data, forms, store
from .approving import approval_data, decide, pending_for, request_extension, request_for
from .querysets import case_for
from .store import StoreError

router = Router(tags=["cases"])


def _body(request) -> dict[str, Any]:
    """The request's JSON object, read as the report API reads its bodies
    (model.json_data): json.loads let a deep nesting (RecursionError) and a number
    of 5000 digits (ValueError) through as server errors."""
    try:
        body = json_data(request.body or b"{}", parse_float=float)
    except ValueError as e:
        raise StoreError(f"请求体不是有效的 JSON：{e}") from None
    if not isinstance(body, dict):
        raise StoreError("请求体应为 JSON 对象")
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
def create_case(request):
    require(request, "case_add")
    record = store.create_case(forms.intake(_body(request), request.user), request.user)
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
def deadline_preview(request) -> dict[str, Any]:
    require(request, "case_add")
    return data.intake_preview(_body(request))


@router.get("/approvals", summary="待我审批的延期答复申请（管理员：全部待审批的）")
def list_approvals(request) -> dict[str, Any]:
    require(request, "case_approve")
    rows = [approval_data(a) for a in pending_for(request.user)]
    return {"count": len(rows), "approvals": rows}


@router.post("/approvals/{int:pk}/decide",
             summary="审批一件延期答复申请：decision 为 approve（批准，答复期限随之延长）或 refuse（退回，须写 reason）；只有申请指定的批准人或管理员可以审批，留痕")
def decide_approval(request, pk: int) -> dict[str, Any]:
    require(request, "case_approve")
    row, record = request_for(request.user, pk)
    body = _body(request)
    decision = str(body.get("decision") or "")
    if decision not in ("approve", "refuse"):
        raise StoreError("decision 应为 approve（批准）或 refuse（退回）")
    row = decide(row, request.user, decision == "approve", str(body.get("reason") or ""))
    record.refresh_from_db()
    return {"approval": approval_data(row), "case": data.case_detail(record)}


@router.get("/{int:pk}", summary="一件申请：状态、各项期限及其计算说明（暂定标记、日历版本）、办理经过")
def get_case(request, pk: int) -> dict[str, Any]:
    require(request, "cases")
    return data.case_detail(case_for(request.user, pk), request.user)


@router.post("/{int:pk}/events/{kind}",
             summary="记录一个办理事件（receipt_confirmed、correction_requested、answered…）；extended 只提交延期申请（须写 approver），待批准人批准（页面或 /api/cases/approvals/{id}/decide）后生效")
def add_event(request, pk: int, kind: str) -> dict[str, Any]:
    require(request, "case_work")
    record = case_for(request.user, pk)
    body = _body(request)
    event = forms.event(kind, body, request.user, store.case_of(record).items)
    if event.kind is EventKind.EXTENDED:  # two-step: pending until the approver decides
        row = request_extension(record, event, request.user, str(body.get("approver") or ""))
        return {**data.case_detail(record), "approval": {"id": row.pk, "status": row.status}}
    return data.case_detail(store.record_event(record, event, request.user))


@router.post("/{int:pk}/reveal", summary="查看申请人证件号码和联系方式原文（须注明 purpose；留痕）")
def reveal(request, pk: int, response: HttpResponse) -> dict[str, Any]:
    require(request, "personal")
    response["Cache-Control"] = "no-store"  # clear personal data: no copy in any cache
    body = _body(request)
    return {"case": pk, "applicant": store.reveal(case_for(request.user, pk), request.user,
                                                  str(body.get("purpose") or ""))}
