"""Reading one cell of a 台账: dates as offices write them, applicant types,
channels and outcomes in their common wordings.

Every reader returns a value or raises `CellError` with a Chinese message that
names what was found; nothing is guessed. A word that could mean two rows of
table 三 (“不予公开” without a reason) is refused, not mapped to one of them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from ...standard.common import APPLICANT_COLUMNS, OTHER_SUB_ROWS, T3_HEAD_ROWS
from ..model import ApplicantType, Channel, Outcome
from ...standard.normalize import normalize_label
from .fields import header_key

# Excel counts days from 1899-12-30 (the 1900 leap-year bug folded in).
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_RANGE = (32874, 73051)  # 1990-01-01 .. 2099-12-31

_YMD = re.compile(r"^(\d{4})\s*[年./\-－]\s*(\d{1,2})\s*[月./\-－]\s*(\d{1,2})\s*日?"
                  r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")

WITHDRAWN = "withdrawn"  # the outcome word for 申请人撤回: an event, not a result row


class CellError(ValueError):
    """A cell whose value cannot be read (Chinese message, without the row number)."""


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_date(value: Any, label: str) -> date:
    """A date cell: a real date, an Excel day number, or text such as
    2025年3月2日, 2025.3.2, 2025-03-02, 2025/3/2, 20250302."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        if not _COMPACT.match(text(value)):  # a number is a day number or 20250302
            raise CellError(f"“{label}”不是日期：{text(value)}")
    s = text(value).replace(" ", "")
    m = _YMD.match(s) or _COMPACT.match(s)
    if m is None:
        raise CellError(f"“{label}”不是日期：{s}（请写作2025年3月2日、2025.3.2或2025-03-02）")
    try:
        out = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise CellError(f"“{label}”不是有效日期：{s}") from None
    if not 1990 <= out.year <= 2099:
        raise CellError(f"“{label}”的年份不合理：{s}")
    return out


def _table(pairs: dict[Any, tuple[str, ...]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for value, words in pairs.items():
        for w in words:
            out[header_key(w)] = value
    return out


A = ApplicantType
_APPLICANT = _table({
    A.NATURAL_PERSON: ("自然人", "公民", "个人", "群众", "居民", "村民", "农民", "市民"),
    A.COMMERCIAL: ("商业企业", "企业", "公司", "企业法人", "有限公司", "有限责任公司",
                   "股份有限公司", "商业企业法人"),
    A.RESEARCH: ("科研机构", "科研院所", "研究机构", "科研单位", "研究所", "研究院"),
    A.NONPROFIT: ("社会公益组织", "公益组织", "公益机构", "社会公益机构"),
    A.LEGAL_SERVICE: ("法律服务机构", "律师事务所", "律所", "律师", "基层法律服务所",
                      "法律服务所", "法律援助机构", "法律援助中心"),
    A.OTHER_ORG: ("其他", "其它", "其他组织", "其他法人或其他组织", "其他法人",
                  "法人或其他组织-其他"),
})
_ORG_GROUP = "法人或其他组织"
APPLICANT_LABELS = "、".join(c.label for c in APPLICANT_COLUMNS if c.code != "total")


def read_applicant_type(value: Any) -> ApplicantType:
    s = text(value)
    key = header_key(s)
    found = _APPLICANT.get(key) or _APPLICANT.get(_strip_group(key))
    opened = normalize_label(s).replace("(", "-").replace(")", "")
    if found is None and opened.startswith(_ORG_GROUP):  # 法人或其他组织—商业企业
        found = _APPLICANT.get(header_key(opened[len(_ORG_GROUP):].lstrip("-—－:：,，、/")))
    if found is None:
        raise CellError(f"申请人类型“{s}”无法对应表三的申请人栏目（{APPLICANT_LABELS}）")
    return found


C = Channel
_CHANNEL = _table({
    C.IN_PERSON: ("当面提交", "当面", "现场", "现场提交", "现场申请", "窗口", "窗口提交",
                  "当面申请", "来访", "面交"),
    C.SIGNED_POST: ("邮寄", "邮寄（需签收）", "邮寄申请", "信函", "挂号信", "EMS", "快递",
                    "邮政快递", "特快专递", "邮政"),
    C.ORDINARY_POST: ("平常信函", "平信", "普通信件", "普通信函"),
    C.ONLINE: ("互联网渠道", "网络", "网上", "网上申请", "在线", "在线申请", "网站",
               "政府网站", "门户网站", "互联网", "电子邮件", "邮箱", "电子邮箱",
               "依申请公开平台", "依申请公开系统", "网络申请", "网上提交", "微信", "小程序"),
    C.FAX: ("传真",),
})
CHANNEL_LABELS = "、".join(c.label for c in Channel)


def read_channel(value: Any) -> Channel:
    s = text(value)
    found = _CHANNEL.get(header_key(s))
    if found is None:
        raise CellError(f"申请方式“{s}”无法识别（可写{CHANNEL_LABELS}）")
    return found


O = Outcome
_row_labels: dict[Any, tuple[str, ...]] = {
    O(r.code): (r.label, *r.synonyms) for r in T3_HEAD_ROWS + OTHER_SUB_ROWS
    if r.code in {o.value for o in Outcome}}
_variants: dict[Any, tuple[str, ...]] = {
    O.GRANTED: ("公开", "同意公开", "全部公开", "予以公开", "已公开", "予以提供", "提供",
                "全部予以公开", "依申请公开"),
    O.PARTLY_GRANTED: ("部分公开", "部分予以公开", "区分处理", "部分公开部分不公开"),
    O.STATE_SECRET: ("国家秘密", "涉及国家秘密", "涉密"),
    O.PROHIBITED_BY_LAW: ("法律行政法规禁止公开", "法律法规禁止公开", "其他法律法规禁止公开"),
    O.SECURITY_STABILITY: ("三安全一稳定", "危及三安全一稳定",
                           "危及国家安全、公共安全、经济安全、社会稳定"),
    O.THIRD_PARTY_RIGHTS: ("第三方合法权益", "涉及第三方合法权益", "保护第三方合法权益",
                           "商业秘密", "个人隐私", "涉及商业秘密", "涉及个人隐私"),
    O.INTERNAL_AFFAIRS: ("内部事务信息", "三类内部事务信息", "内部事务"),
    O.PROCESS_INFO: ("过程性信息", "四类过程性信息"),
    O.ENFORCEMENT_FILE: ("行政执法案卷", "执法案卷", "行政执法案卷信息"),
    O.QUERY_MATTER: ("行政查询事项", "查询事项"),
    O.NOT_HELD: ("本机关不掌握", "不掌握", "本机关不掌握相关政府信息", "信息不存在",
                 "政府信息不存在", "不掌握相关政府信息"),
    O.NEEDS_CREATION: ("没有现成信息", "需要另行制作", "需另行制作", "没有现成信息需要另行制作"),
    O.STILL_UNCLEAR: ("补正后仍不明确", "补正后申请内容仍不明确"),
    O.COMPLAINT: ("信访举报投诉", "信访举报投诉类申请", "信访举报投诉类"),
    O.DUPLICATE: ("重复申请",),
    O.PUBLICATION: ("公开出版物", "要求提供公开出版物"),
    O.EXCESSIVE: ("大量反复申请", "无正当理由大量反复申请"),
    O.RECONFIRM: ("要求确认或重新出具", "要求行政机关确认或重新出具已获取信息",
                  "确认或重新出具已获取信息"),
    O.NO_CORRECTION: ("逾期不补正", "逾期未补正", "申请人逾期不补正", "申请人无正当理由逾期不补正"),
    O.NO_FEE: ("逾期未缴费", "逾期不缴费", "逾期未缴纳费用", "申请人逾期未缴费"),
    O.OTHER: ("其他", "其它", "其他处理"),
    WITHDRAWN: ("撤回", "申请人撤回", "撤回申请", "主动撤回", "申请人撤回申请", "已撤回"),
}
# group headings of table 三: a reason is needed to know the row
_GROUPS = ("不予公开", "无法提供", "不予处理", "其他处理")
_GROUP_PREFIX = re.compile(r"^(?:[(（]?[一二三四五六七八九十\d]+[)）.、]?)*")


def _strip_group(key: str) -> str:
    """“不予公开-属于国家秘密”, “（三）1.属于国家秘密” -> “属于国家秘密”."""
    s = _GROUP_PREFIX.sub("", key)
    for g in _GROUPS:
        if s.startswith(g) and len(s) > len(g):
            s = s[len(g):]
            break
    return _GROUP_PREFIX.sub("", s.lstrip("-—－:：,，、/"))


_OUTCOME = _table({k: (*_row_labels.get(k, ()), *v) for k, v in _variants.items()})
_OUTCOME.update({_strip_group(k): v for k, v in list(_OUTCOME.items())
                 if _strip_group(k) not in _OUTCOME})


def read_outcome(value: Any) -> Outcome | str:
    """A result row of table 三, or `WITHDRAWN`."""
    s = text(value)
    key = header_key(s)
    opened = normalize_label(s).replace("(", "-").replace(")", "")  # 不予公开（国家秘密）
    found = (_OUTCOME.get(key) or _OUTCOME.get(_strip_group(key))
             or _OUTCOME.get(_strip_group(opened)))
    if found is not None:
        return found
    if _strip_group(key) in _GROUPS or key in _GROUPS:
        raise CellError(f"办理结果“{s}”须写明理由，即计入表三“{key}”下的哪一行")
    raise CellError(f"办理结果“{s}”不是表三的一行（请写表三的行名，如“予以公开”“部分公开”"
                    "“本机关不掌握相关政府信息”，或“申请人撤回”）")


_DAYS = re.compile(r"^(\d{1,3})\s*(?:个)?\s*(?:工作日|日|天)?$")


def read_days(value: Any, label: str) -> int:
    """A number of working days: 20, “20个工作日”, “20天”."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 0 < value < 1000:
            return int(value)
    m = _DAYS.match(text(value))
    if m and int(m[1]) > 0:
        return int(m[1])
    raise CellError(f"“{label}”应为工作日数（如20或20个工作日）：{text(value)}")


def read_correction_due(value: Any, label: str) -> date | int:
    """The applicant's 补正 deadline: a number of working days, or a date."""
    try:
        return read_days(value, label)
    except CellError:
        return read_date(value, label)
