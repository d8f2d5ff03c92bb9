"""Form fields (a POST or a JSON body, same names) -> domain objects, with a Chinese
message for every field that cannot be read. The law's own checks (order of
events, limits of an extension…) stay in `cases.workflow`; this only reads."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from ...cases.model import ApplicantType, Case, Channel, ConsultParty, Event, EventKind, Outcome
from ...cases.personal import Applicant
from . import store
from .store import StoreError


def _text(d: Mapping[str, Any], key: str) -> str:
    v = d.get(key)
    return "" if v is None else str(v).strip()


def read_value(raw: str, label: str, required: bool, convert, bad: str, ask: str = "请填写"):
    """One field: blank is None (or "请填写…" when required), else `convert(raw)`;
    a ValueError becomes "<label><bad>：<raw>"."""
    raw = (raw or "").strip()
    if not raw:
        if required:
            raise StoreError(f"{ask}{label}")
        return None
    try:
        return convert(raw)
    except ValueError:
        raise StoreError(f"{label}{bad}：{raw}") from None


def _date(d: Mapping[str, Any], key: str, label: str, required: bool = True) -> date | None:
    return read_value(_text(d, key), label, required, date.fromisoformat,
                      "不是有效日期（应为 YYYY-MM-DD）")


def _int(d: Mapping[str, Any], key: str, label: str, required: bool = True) -> int | None:
    return read_value(_text(d, key), label, required, int, "须为整数")


def _enum(cls, d: Mapping[str, Any], key: str, label: str, required: bool = True):
    return read_value(_text(d, key), label, required, cls, "无效", ask="请选择")


def _list(d: Mapping[str, Any], key: str) -> list[str]:
    if hasattr(d, "getlist"):
        values = d.getlist(key)
    else:
        v = d.get(key) or []
        values = v if isinstance(v, list) else [v]
    return [str(x).strip() for x in values if str(x).strip()]


def intake(d: Mapping[str, Any], user) -> tuple[Case, str]:
    """(the new case with its 收到申请 event, the agency name) from the intake form."""
    number = _text(d, "number")
    if not number:
        raise StoreError("请填写申请编号")
    if len(number) > 60:
        raise StoreError("申请编号不能超过60个字符")
    agency = _text(d, "agency")
    if not agency:
        raise StoreError("请填写受理机关")
    name = _text(d, "name")
    if not name:
        raise StoreError("请填写申请人姓名或名称")
    kind = _enum(ApplicantType, d, "applicant_type", "申请人类型")
    channel = _enum(Channel, d, "channel", "提交渠道")
    arrived = _date(d, "arrived_on", "申请到达日期")
    confirmed = _date(d, "confirmed_on", "签收或确认日期", required=False)
    subject = _text(d, "subject")
    if not subject:
        raise StoreError("请填写申请公开的政府信息内容")
    raw_items = d.get("items")
    items = raw_items if isinstance(raw_items, list) else _text(d, "items").splitlines()
    items = [str(i).strip() for i in items if str(i).strip()]
    applicant = store.seal(Applicant(name, id_number=_text(d, "id_number"), phone=_text(d, "phone"),
                                     email=_text(d, "email"), address=_text(d, "address")))
    event = Event(EventKind.RECEIVED, arrived, by=user.get_username(), channel=channel,
                  confirmed_on=confirmed, note=_text(d, "note"))
    case = Case(id=number, agency=agency, applicant_type=kind, applicant=applicant,
                subject=subject, items=tuple(items) if len(items) > 1 else (), events=[event])
    return case, agency


def approvers():
    """Users who may approve an extension (permission cases.approve_caserecord)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    perm = Q(groups__permissions__codename="approve_caserecord") | Q(is_superuser=True)
    return get_user_model().objects.filter(perm, is_active=True).distinct().order_by("username")


def event(kind_raw: str, d: Mapping[str, Any], user, items: tuple[str, ...] = ()) -> Event:
    """One event of the case page's action forms."""
    try:
        kind = EventKind(kind_raw)
    except ValueError:
        raise StoreError(f"未知的操作：{kind_raw}", 404) from None
    if kind is EventKind.RECEIVED:
        raise StoreError("收到申请在登记时记录")
    on = _date(d, "on", "日期")
    assert on is not None
    kw: dict[str, Any] = {"by": user.get_username(), "note": _text(d, "note")}
    if kind is EventKind.CORRECTION_REQUESTED:
        kw["days"] = _int(d, "days", "补正期限（工作日）", required=False)
        kw["reply_by"] = _date(d, "reply_by", "补正期限（日期）", required=False)
    elif kind is EventKind.CONSULTATION_SENT:
        kw["party"] = _enum(ConsultParty, d, "party", "征求意见对象")
    elif kind is EventKind.EXTENDED:
        kw["days"] = _int(d, "days", "延长的工作日数")
        kw["notice_on"] = _date(d, "notice_on", "延期答复告知书的发出日期")
        approver = _text(d, "approver")
        if not approver:
            raise StoreError("延期答复须经政府信息公开工作机构负责人同意，请选择批准人")
        found = approvers().filter(username=approver).first()
        if found is None:
            raise StoreError(f"“{approver}”不是有批准延期权限的用户")
        kw["approver"] = found.get_full_name() or found.get_username()
    elif kind is EventKind.FEE_NOTICE:
        method = _text(d, "fee_method")
        if method not in ("pieces", "pages"):
            raise StoreError("请选择计收方式（按件或按量）")
        kw["fee_method"] = method
        kw["quantity"] = _int(d, "quantity", "数量")
        kw["already"] = _int(d, "already", "本月此前已申请件数", required=False) or 0
        kw["notice_on"] = _date(d, "notice_on", "申请人收到收费通知的日期", required=False)
    elif kind is EventKind.ANSWERED:
        kw["outcome"] = _enum(Outcome, d, "outcome", "办理结果", required=not items)
        per_item = _list(d, "item_outcomes")
        if items and per_item:
            try:
                kw["item_outcomes"] = tuple(Outcome(o) for o in per_item)
            except ValueError:
                raise StoreError("逐项办理结果无效") from None
        elif items and kw["outcome"] is None:
            raise StoreError("请选择办理结果")
    return Event(kind, on, **kw)
