"""The figures each of the six parts should quote, taken from the report's tables.

Someone writing 一、总体情况 needs the application counts and the 规章 / 行政规范性文件
counts beside them, because the checker compares what the prose says with those
cells (rules N-1, N-2, N-3); a figure that sums several cells (不予公开 is eight rows)
is summed over exactly the cells the checker sums (`topic_cells`), so a draft that
quotes these figures cannot disagree with its tables. A blank cell makes its figure
blank (`value` None): a sum over a blank is unknown, not the sum of the rest.

Part 六 has no table; its figures are 申请人逾期未缴费 (the 2021 （六）2 row) and,
when the caller knows them from the case registers (`FeeFacts`), the 信息处理费 notices
and amounts — never 行政事业性收费 of table 二, which is another fee (standard.md §5).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..check.context import Context
from ..check.rules.narrative import cells_sum, topic_cells
from ..model import CellValue, Report, cell_text
from ..standard import get_template
from ..standard.vocabulary import (CASE_GROUP_NAMES, CASE_RESULT_NAMES, DOCUMENT_NAMES, INTAKE_NAMES,
                                   OUTCOME_NAMES)

A = "applications"
R = "review_litigation"

# Table 三 topics in the order a part quotes them: (topic, label).
APPLICATION_TOPICS = (*((k, INTAKE_NAMES[k]) for k in ("received", "carried_in", "total")),
                      *OUTCOME_NAMES.items(), ("carried_forward", INTAKE_NAMES["carried_forward"]))
CASE_GROUPS = tuple(CASE_GROUP_NAMES.items())
CASE_PARTS = tuple((k, CASE_RESULT_NAMES[k]) for k in ("total", "upheld", "corrected", "other", "pending"))
DOC_ROWS = tuple(DOCUMENT_NAMES)


@dataclass(frozen=True)
class FeeFacts:
    """信息处理费 of the year as the case registers record it (amounts in 元)."""

    notices: int  # 收费通知 sent in the year
    billed: int  # 元 asked for in those notices
    paid: int  # applications whose fee was paid in the year
    collected: int  # 元 paid
    # notices of the year neither paid nor lapsed by 31 December: a fee paid in January
    # counts in the year it is paid, so the draft says why this year's 缴纳 is short
    open_at_year_end: int = 0


@dataclass(frozen=True)
class AnswerTimes:
    """Applications answered in the year, against their answer deadlines (the case
    registers' working-day count: extension included, paused days not counted)."""

    on_time: int
    late: int
    unknown: int = 0  # answered with no answer deadline on record

    @property
    def answered(self) -> int:
        return self.on_time + self.late + self.unknown


@dataclass(frozen=True)
class Figure:
    """One number a part should quote: what it is, the cells it comes from (summed
    when several), its value (None when a cell is blank) and its unit."""

    key: str
    label: str
    cells: tuple[str, ...]
    value: CellValue
    unit: str = "件"
    source: str = "表格"

    @property
    def text(self) -> str:
        """The value as printed, or a marker that it is missing (never 0 for blank)."""
        if self.value is None:
            return "空白（待补充）"
        return cell_text(self.value)

    @property
    def cells_text(self) -> str:
        if not self.cells:
            return ""
        if len(self.cells) == 1:
            return self.cells[0]
        if len(self.cells) == 2:
            return " + ".join(self.cells)
        return f"{self.cells[0]} … {self.cells[-1]}（{len(self.cells)}格之和）"

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "value": self.value, "text": self.text,
                "unit": self.unit, "cells": list(self.cells), "cells_text": self.cells_text,
                "source": self.source}


def _figure(report: Report, key: str, label: str, cells: list[str], unit: str = "件") -> Figure:
    return Figure(key, label, tuple(cells), cells_sum(report, cells), unit)


def application_figures(ctx: Context) -> list[Figure]:
    """Table 三's totals column, by the checker's own topics (N-1)."""
    return [_figure(ctx.report, topic, label, topic_cells(ctx, topic))
            for topic, label in APPLICATION_TOPICS]


def applicant_figures(report: Report) -> list[Figure]:
    """New applications by who applied: 自然人 and 法人或其他组织 (five columns)."""
    table = get_template(report.template).applications
    orgs = [c.code for c in table.columns if c.code not in ("natural_person", "total")]
    return [
        _figure(report, "received.natural_person", "本年新收申请·自然人",
                [f"{A}.received.natural_person"]),
        _figure(report, "received.organisations", "本年新收申请·法人或其他组织",
                [f"{A}.received.{c}" for c in orgs]),
    ]


def case_figures(ctx: Context) -> list[Figure]:
    """Table 四: 行政复议 and 行政诉讼 (直接起诉 + 复议后起诉), total and outcomes (N-2)."""
    return [_figure(ctx.report, f"{group}.{part}", f"{glabel}·{plabel}",
                    topic_cells(ctx, f"{group}.{part}"))
            for group, glabel in CASE_GROUPS for part, plabel in CASE_PARTS]


def active_figures(report: Report) -> list[Figure]:
    """Every cell of table 二, labelled row·column, with its unit."""
    table = get_template(report.template).active
    out = []
    for row in table.rows:
        for col in table.row_columns(row):
            out.append(_figure(report, f"{row.code}.{col.code}", f"{row.label}·{col.label}",
                               [f"active.{row.code}.{col.code}"], _active_unit(row.code, col.code,
                                                                                 col.money)))
    return out


def _active_unit(row: str, col: str, money: bool) -> str:
    if money:
        return "万元" if row == "fees" else ""  # 采购总金额: the 2019 header gives no unit
    if col in ("prev_items", "change", "items"):
        return "项"
    return "件"


def fee_figures(report: Report, fees: FeeFacts | None = None) -> list[Figure]:
    out = []
    if get_template(report.template).code == "2021":
        out.append(_figure(report, "no_fee", "申请人逾期未按收费通知要求缴纳费用、不再处理的申请",
                           [f"{A}.other.no_fee.total"]))
    if fees is not None:
        out += [Figure("fee.notices", "发出信息处理费收费通知", (), fees.notices, "件", "案件登记"),
                Figure("fee.billed", "收费通知所列金额", (), fees.billed, "元", "案件登记"),
                Figure("fee.paid", "已缴纳信息处理费的申请", (), fees.paid, "件", "案件登记"),
                Figure("fee.collected", "实际收取信息处理费", (), fees.collected, "元", "案件登记")]
    return out


def part_figures(report: Report, fees: FeeFacts | None = None) -> dict[str, list[Figure]]:
    """Part key "1".."6" -> the figures that part should quote. Part 一 quotes what
    the checker compares (applications, documents, review and litigation totals);
    parts 二、三、四 their tables; part 五 none (it is the authors' own account)."""
    ctx = Context(report)
    apps = application_figures(ctx)
    cases = case_figures(ctx)
    active = active_figures(report)
    docs = [f for f in active if f.key.split(".")[0] in DOC_ROWS]
    totals = [f for f in cases if f.key.endswith(".total")]
    return {"1": [*apps, *docs, *totals], "2": active, "3": [*apps, *applicant_figures(report)],
            "4": cases, "5": [], "6": fee_figures(report, fees)}


def figure_map(report: Report, fees: FeeFacts | None = None) -> dict[str, Figure]:
    """Every figure by key (the same figure may be listed under several parts)."""
    return {f.key: f for figs in part_figures(report, fees).values() for f in figs}
