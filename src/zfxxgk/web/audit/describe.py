"""An audit entry's before and after as sentences a clerk reads — “状态：录入 → 发布”,
“（一）予以公开·自然人：13 → 12”, “第2部分：（空）→ 已填写（120字）” — instead of
the stored dicts, which stay as they are in the JSON twin for machines."""

from __future__ import annotations

from typing import Any

from ...check.labels import describe_cell
from ...standard.vocabulary import SEVERITY_NAMES
from ..reports.models import BatchStatus, Status

FIELDS = {"status": "状态", "version": "版本", "counts": "问题", "source": "依据",
          "changes": "期限变动", "title": "标题", "agency": "机关", "year": "年度",
          "name": "名称", "note": "说明", "role": "角色", "groups": "角色", "is_active": "启用",
          "rule": "规则", "verdict": "审核结论", "comment": "审核意见",
          "due_on": "答复期限", "provisional": "期限暂定", "calendar_version": "日历版本",
          "outcome": "办理结果", "events": "办理记录条数", "number": "编号", "reason": "退回理由"}
# a report's and a batch's (`partial`: a finished batch with unreadable files, before migration 0008)
STATUS = {**dict(Status.choices), **dict(BatchStatus.choices), "partial": "已完成（部分文件无法读取）"}
ACTIONS = {"create": "新建", "change": "修改", "delete": "删除", "import": "导入", "reveal": "查看个人信息"}
OBJECTS = {"report": "报告", "caserecord": "申请", "calendaryear": "节假日安排", "batch": "批量核查",
           "agency": "机关", "user": "用户", "litigationrecord": "复议诉讼登记",
           "activefiguresrecord": "主动公开数据", "lettersettingsrecord": "文书设置", "membership": "用户所属机关", "personalaccess": "个人信息查看"}
EMPTY = "（空）"
LONG = 40


def _case_status(value: str) -> str:
    from ...cases.model import CaseStatus

    try:
        return CaseStatus(value).label
    except ValueError:
        return value


def _field(key: str) -> str:
    if key in FIELDS:
        return FIELDS[key]
    if key.isdigit():
        return f"第{key}部分"
    if key.count(".") >= 2:
        return describe_cell(key)
    return key


def _value(key: str, value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "status" and isinstance(value, str):
        return STATUS.get(value, _case_status(value))
    if key == "outcome" and isinstance(value, str):
        from ...standard.vocabulary import OUTCOME_NAMES

        return OUTCOME_NAMES.get(value, value)
    if key == "counts" and isinstance(value, dict):
        return "、".join(f"{name}{value.get(code, 0)}项" for code, name in SEVERITY_NAMES.items())
    if isinstance(value, (list, tuple)):
        return "；".join(_value("", v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{_field(k)} {_value(k, v)}" for k, v in value.items())
    text = str(value)
    if key.isdigit() and len(text) > LONG:
        return f"已填写（{len(text)}字）"
    return text if len(text) <= LONG else text[:LONG] + "…"


def action_label(action: str) -> str:
    return ACTIONS.get(action, action)


def object_label(object_type: str) -> str:
    return OBJECTS.get(object_type, object_type)


def sentences(before: Any, after: Any) -> list[str]:
    """One sentence per field that differs (or, for a created thing, per field)."""
    if not isinstance(before, dict) and not isinstance(after, dict):
        if before == after:
            return []
        return [f"{_value('', before)} → {_value('', after)}"]
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    out = []
    for key in list(dict.fromkeys([*old, *new])):
        a, b = old.get(key), new.get(key)
        if a == b and before is not None:
            continue
        if before is None:
            out.append(f"{_field(key)}：{_value(key, b)}")
        else:
            out.append(f"{_field(key)}：{_value(key, a)} → {_value(key, b)}")
    return out
