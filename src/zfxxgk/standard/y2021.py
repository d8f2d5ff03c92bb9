"""国办公开办函〔2021〕30号: the format for report years 2021 onward (standard.md §1)."""

from __future__ import annotations

from . import common as c
from .spec import Column, Row, Table, Template

ACTIVE = Table(
    code="active",
    title=c.SECTIONS["2"],
    columns=(
        Column("issued", "本年制发件数"),
        Column("repealed", "本年废止件数", synonyms=("本年度止件数",)),
        Column("in_force", "现行有效件数", synonyms=("现行有效件",)),
        Column("decisions", "本年处理决定数量"),
        Column("amount", "本年收费金额（单位：万元）", money=True,
               synonyms=("本年收费金额（单位：万元，保留4位小数）", "本年收费金额")),
    ),
    groups=c.ACTIVE_GROUPS,
    rows=(
        Row("rules", "规章", group="item1", columns=("issued", "repealed", "in_force")),
        Row("normative_docs", "行政规范性文件", group="item1", synonyms=("规范性文件",),
            columns=("issued", "repealed", "in_force")),
        Row("licensing", "行政许可", group="item5", columns=("decisions",)),
        Row("penalty", "行政处罚", group="item6", columns=("decisions",)),
        Row("coercion", "行政强制", group="item6", columns=("decisions",)),
        Row("fees", "行政事业性收费", group="item8", columns=("amount",)),
    ),
    headers=("信息内容",),
)

APPLICATIONS = c.applications_table(c.T3_HEAD_ROWS + c.OTHER_SUB_ROWS + c.T3_TAIL_ROWS)

REVIEW_LITIGATION = Table(
    code="review_litigation",
    title=c.SECTIONS["4"],
    columns=c.T4_COLUMNS,
    groups=c.T4_GROUPS,
    rows=c.T4_ROWS,
    headers=("行政复议", "行政诉讼"),
)

TEMPLATE = Template(
    code="2021",
    name="国办公开办函〔2021〕30号",
    active=ACTIVE,
    applications=APPLICATIONS,
    review_litigation=REVIEW_LITIGATION,
    signals=("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
)
