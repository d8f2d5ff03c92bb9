"""国办公开办函〔2019〕60号: the format of report years 2019 and 2020 (standard.md §2)."""

from __future__ import annotations

from . import common as c
from .spec import Column, Group, Row, Table, Template
from .y2021 import REVIEW_LITIGATION  # table 四 is identical in both formats

_ITEMS3 = ("prev_items", "change", "decisions")

ACTIVE = Table(
    code="active",
    title=c.SECTIONS["2"],
    columns=(
        Column("made", "本年新制作数量", synonyms=("本年新",)),
        Column("published", "本年新公开数量", synonyms=("本年新",)),
        Column("public_total", "对外公开总数量"),
        Column("prev_items", "上一年项目数量"),
        Column("change", "本年增/减", signed=True),
        Column("decisions", "处理决定数量"),
        Column("items", "采购项目数量"),
        Column("amount", "采购总金额", money=True,
               synonyms=("采购总金额（单位：万元，保留4位小数）", "采购总金额（单位：万元）")),
    ),
    groups=c.ACTIVE_GROUPS + (Group("item9", "第二十条第（九）项"),),
    rows=(
        Row("rules", "规章", group="item1", columns=("made", "published", "public_total")),
        Row("normative_docs", "规范性文件", group="item1", columns=("made", "published", "public_total")),
        Row("licensing", "行政许可", group="item5", columns=_ITEMS3),
        Row("other_services", "其他对外管理服务事项", group="item5", columns=_ITEMS3),
        Row("penalty", "行政处罚", group="item6", columns=_ITEMS3),
        Row("coercion", "行政强制", group="item6", columns=_ITEMS3),
        Row("fees", "行政事业性收费", group="item8", columns=("prev_items", "change")),
        Row("procurement", "政府集中采购", group="item9", columns=("items", "amount")),
    ),
    headers=("信息内容",),
)

APPLICATIONS = c.applications_table(c.T3_HEAD_ROWS + (c.OTHER_SINGLE_ROW,) + c.T3_TAIL_ROWS)

TEMPLATE = Template(
    code="2019",
    name="国办公开办函〔2019〕60号",
    active=ACTIVE,
    applications=APPLICATIONS,
    review_litigation=REVIEW_LITIGATION,
    signals=("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量",
             "其他对外管理服务事项", "第二十条第（九）项", "政府集中采购", "采购项目数量"),
)
