"""The columns a 台账 may have, and how their headers are recognised.

Offices name the same column many ways (收到日期, 受理日期, 申请日期…); each field
lists the spellings seen in registers. A header is compared after normalisation
(full-width forms, spaces, bracketed notes such as “（年月日）” removed), exactly,
so a title row like “2025年政府信息公开申请办理台账” never passes for a column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...standard.normalize import normalize_label

_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|<[^<>]*>")


@dataclass(frozen=True)
class Field:
    code: str
    label: str  # the name shown in the mapping form
    required: bool = False
    synonyms: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


FIELDS: tuple[Field, ...] = (
    Field("number", "申请编号", True, (
        "编号", "受理编号", "登记编号", "登记号", "案件编号", "申请号", "流水号", "受理号",
        "申请件编号", "件号", "收件编号")),
    Field("received_on", "收到申请日期", True, (
        "收到日期", "受理日期", "申请日期", "登记日期", "接收日期", "收件日期", "申请时间",
        "收到时间", "受理时间", "收到申请时间", "申请受理日期", "收到申请之日")),
    Field("applicant_type", "申请人类型", True, (
        "申请人类别", "申请人性质", "申请主体", "申请主体类型", "申请人身份", "主体类型",
        "类型", "申请人情况", "申请人分类")),
    Field("applicant", "申请人", False, (
        "申请人姓名", "申请人名称", "申请人姓名或名称", "姓名/名称", "姓名或名称",
        "申请人姓名/名称", "申请人姓名名称", "姓名")),
    Field("channel", "申请方式", False, (
        "提交方式", "申请渠道", "提交渠道", "渠道", "受理方式", "申请途径", "申请形式",
        "收件方式", "来源")),
    Field("subject", "申请内容", False, (
        "申请事项", "申请公开的内容", "申请公开内容", "所需信息内容描述", "所需政府信息",
        "所需信息", "所需信息的内容描述", "申请公开事项", "内容")),
    Field("answered_on", "答复日期", False, (
        "办结日期", "答复时间", "办结时间", "处理日期", "回复日期", "答复办结日期",
        "出具答复日期", "办理完结日期")),
    Field("outcome", "办理结果", False, (
        "答复结果", "处理结果", "答复类型", "答复情况", "办理情况", "答复意见", "结果",
        "答复方式", "处理情况", "答复结论")),
    Field("correction_requested_on", "补正告知日期", False, (
        "补正通知日期", "告知补正日期", "发出补正告知日期", "补正告知时间", "补正告知书日期")),
    Field("correction_due", "补正期限", False, (
        "补正截止日期", "补正时限", "补正期限日期")),
    Field("correction_received_on", "收到补正日期", False, (
        "补正日期", "补正收到日期", "补正材料收到日期", "收到补正材料日期", "补正完成日期", "收到补正申请日期")),
    Field("consulted_on", "征求意见日期", False, (
        "征求意见时间", "发出征求意见日期", "征求第三方意见日期", "征求意见函日期",
        "征求意见发函日期", "征求意见开始日期")),
    Field("consultation_closed_on", "征求意见结束日期", False, (
        "收到意见日期", "征求意见回复日期", "第三方回复日期", "意见反馈日期", "收到反馈日期",
        "征求意见截止日期", "征求意见完成日期")),
    Field("extended_on", "延期日期", False, (
        "延期告知日期", "延期答复日期", "延期告知书日期", "延长答复期限日期", "延期时间",
        "延期答复告知日期")),
    Field("extension_days", "延长天数", False, (
        "延长工作日数", "延期天数", "延长期限", "延期期限", "延期工作日", "延期工作日数",
        "延长答复期限")),
    Field("approver", "延期批准人", False, (
        "延期审批人", "延期批准负责人")),  # a bare 审批人 is often the answer's signer
)

FIELD_BY_CODE = {f.code: f for f in FIELDS}


def header_key(text: str) -> str:
    """The comparable form of a header cell: normalised, bracketed notes and
    item numbers dropped."""
    s = normalize_label(text)
    s = _NOTE.sub("", s)
    return s.rstrip("*※").lstrip("*※")


_LOOKUP: dict[str, str] = {}
for _f in FIELDS:
    for _s in _f.spellings:
        _LOOKUP.setdefault(header_key(_s), _f.code)


def field_for(text: str) -> str | None:
    """The field a header cell names, or None."""
    return _LOOKUP.get(header_key(text)) if text else None
