"""What the 2019 and 2021 formats share: the six parts, the applicant columns and
most rows of table 三, and table 四. Labels are the official ones (standard.md §1,
Appendix A); synonyms are normalised variants (standard.md §6)."""

from __future__ import annotations

from .spec import Column, Group, Row, Table

SCHEMA = "zfxxgk.report/1"

SECTIONS: dict[str, str] = {
    "1": "一、总体情况",
    "2": "二、主动公开政府信息情况",
    "3": "三、收到和处理政府信息公开申请情况",
    "4": "四、政府信息公开行政复议、行政诉讼情况",
    "5": "五、存在的主要问题及改进情况",
    "6": "六、其他需要报告的事项",
}

# Headings seen in real reports, written without the numeral (it is matched apart).
SECTION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "1": ("总体情况", "基本情况", "概述"),
    "2": ("主动公开政府信息情况", "主动公开政府政府情况", "主动公开情况"),
    "3": ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况"),
    "4": (
        "政府信息公开行政复议、行政诉讼情况",
        "政府信息公开行政复议行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "政府信息公开行政复议及行政诉讼情况",
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "政府信息公开行政复议、行政诉讼",
    ),
    "5": (
        "存在的主要问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题和改进措施",
        "存在主要问题和改进情况",
        "存在的主要问题及改进举措",
        "信息公开工作存在的主要问题及改进情况",
        "存在的主要问题及改进措施",
        "存在的主要问题和改进情况",
    ),
    "6": ("其他需要报告的事项", "其它需要报告的事项", "其他需要报告事项", "其他报告事项", "其它需要报告事项"),
}

T3_HEADER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)

# table 二's groups: the items of 条例 第二十条 both formats print
ACTIVE_GROUPS: tuple[Group, ...] = (
    Group("item1", "第二十条第（一）项"),
    Group("item5", "第二十条第（五）项"),
    Group("item6", "第二十条第（六）项"),
    Group("item8", "第二十条第（八）项"),
)

T3_GROUPS: tuple[Group, ...] = (
    Group("results", "三、本年度办理结果"),
    Group("withheld", "（三）不予公开"),
    Group("unavailable", "（四）无法提供"),
    Group("not_processed", "（五）不予处理"),
    Group("other", "（六）其他处理"),
)

T3_HEAD_ROWS: tuple[Row, ...] = (
    Row("received", "本年新收政府信息公开申请数量", "一、"),
    Row("carried_in", "上年结转政府信息公开申请数量", "二、"),
    Row("granted", "予以公开", "（一）", "results"),
    Row("partly_granted", "部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）", "results"),
    Row("withheld.state_secret", "属于国家秘密", "1.", "withheld"),
    Row("withheld.prohibited_by_law", "其他法律行政法规禁止公开", "2.", "withheld",
        synonyms=("其他法律法规禁止公开",)),
    Row("withheld.security_stability", "危及“三安全一稳定”", "3.", "withheld"),
    Row("withheld.third_party_rights", "保护第三方合法权益", "4.", "withheld"),
    Row("withheld.internal_affairs", "属于三类内部事务信息", "5.", "withheld"),
    Row("withheld.process_info", "属于四类过程性信息", "6.", "withheld"),
    Row("withheld.enforcement_file", "属于行政执法案卷", "7.", "withheld"),
    Row("withheld.query_matter", "属于行政查询事项", "8.", "withheld"),
    Row("unavailable.not_held", "本机关不掌握相关政府信息", "1.", "unavailable"),
    Row("unavailable.needs_creation", "没有现成信息需要另行制作", "2.", "unavailable"),
    Row("unavailable.still_unclear", "补正后申请内容仍不明确", "3.", "unavailable"),
    Row("not_processed.complaint", "信访举报投诉类申请", "1.", "not_processed"),
    Row("not_processed.duplicate", "重复申请", "2.", "not_processed"),
    Row("not_processed.publication", "要求提供公开出版物", "3.", "not_processed"),
    Row("not_processed.excessive", "无正当理由大量反复申请", "4.", "not_processed"),
    Row("not_processed.reconfirm", "要求行政机关确认或重新出具已获取信息", "5.", "not_processed"),
)

OTHER_SINGLE_ROW = Row("other", "其他处理", "（六）", "results")

OTHER_SUB_ROWS: tuple[Row, ...] = (
    Row("other.no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.", "other"),
    Row("other.no_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "2.", "other"),
    Row("other.misc", "其他", "3.", "other"),
)

T3_TAIL_ROWS: tuple[Row, ...] = (
    Row("total", "总计", "（七）", "results"),
    Row("carried_forward", "结转下年度继续办理", "四、"),
)



def find_row(table: Table, code: str) -> Row | None:
    """The row `code` of `table`; in table 三 either form of the (六) row, which a
    template lists only one of."""
    other = (OTHER_SINGLE_ROW, *OTHER_SUB_ROWS) if table.code == "applications" else ()
    return next((r for r in (*table.rows, *other) if r.code == code), None)


def applications_table(rows: tuple[Row, ...]) -> Table:
    """Table 三 of a format: the shared columns and groups, the format's rows."""
    return Table(code="applications", title=SECTIONS["3"], columns=APPLICANT_COLUMNS,
                 groups=T3_GROUPS, rows=rows, headers=("申请人情况", "自然人", "法人或其他组织"))


T4_GROUPS: tuple[Group, ...] = (
    Group("review", "行政复议"),
    Group("suit", "行政诉讼"),
    Group("suit_direct", "未经复议直接起诉"),
    Group("suit_after_review", "复议后起诉"),
)

T4_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)

T4_ROWS: tuple[Row, ...] = (
    Row("review", "行政复议"),
    Row("suit_direct", "未经复议直接起诉", group="suit"),
    Row("suit_after_review", "复议后起诉", group="suit"),
)
