"""Year against year (standard.md §3.3, §3.4): X-1, T2-1, T2-3, and X-4 (a part's
text reused from last year's report).

They run only when the same body's report of the year just before is known
(`zfxxgk check THIS --previous LAST`, or both in one directory). Table 二 is never
compared across the 2020→2021 format change (X-3): its columns mean different
things in the two formats, so T2-1 needs two 2021-format reports and T2-3 two
2019-format ones.
"""

from __future__ import annotations

from typing import Iterator

from .. import messages as msg
from ..context import Context
from ..engine import Finding, excerpt_of, finding, rule
from ..similarity import normalized, similarity
from ...standard import SECTIONS, split_code
from ...standard.identities import carry_over
from ..labels import describe_column, describe_row

A = "applications"


def _line(ctx: Context, code: str):
    p = ctx.report.where(code)
    return p.line if p is not None and p.line is not None else "?"


@rule("X-1", "error", table=A, title="上年结转等于上年报告的结转下年度",
      description="本年表三二、上年结转政府信息公开申请数量的每一列，等于上一年度报告四、结转下年度继续办理的同一列"
                  "（需要同一机关上一年度的报告）。")
def carry_over_matches(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous_context
    if prev is None:
        return
    for link in carry_over(ctx.template):
        this_cell, prev_cell = link.this, link.prev
        this, before = ctx.report.cell(this_cell), prev.report.cell(prev_cell)
        if this is None or before is None or this == before:
            continue
        yield finding(ctx.report, "X-1", [this_cell],
                      msg.X_1.format(this=msg.number(this), prev=msg.number(before),
                                     prev_year=prev.report.year,
                                     column=describe_column(A, split_code(this_cell)[2], ctx.template),
                                     line=_line(ctx, this_cell),
                                     prev_line=_line(prev, prev_cell)), msg.X_1_FIX)


@rule("T2-1", "warning", table="active", title="现行有效件数与上年衔接",
      description="2021年格式：规章、行政规范性文件的现行有效件数约等于上年现行有效件数加本年制发减本年废止"
                  "（有效期届满、修订等会使其合理地不一致，故为警告；不跨2020→2021格式变化比较）。")
def in_force_flows(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous_context
    if prev is None or ctx.template.code != "2021" or prev.template.code != "2021":
        return
    for row in ("rules", "normative_docs"):
        cells = [f"active.{row}.{c}" for c in ("in_force", "issued", "repealed")]
        this, issued, repealed = (ctx.report.cell(c) for c in cells)
        before = prev.report.cell(f"active.{row}.in_force")
        if None in (this, issued, repealed, before):
            continue
        expected = before + issued - repealed
        if this != expected:
            yield finding(ctx.report, "T2-1", cells,
                          msg.T2_1.format(row=describe_row("active", row, ctx.template),
                                          this=this, prev=before, issued=issued,
                                          repealed=repealed, expected=expected,
                                          prev_year=prev.report.year, line=_line(ctx, cells[0]),
                                          prev_line=_line(prev, f"active.{row}.in_force")),
                          msg.T2_1_FIX)


@rule("T2-3", "warning", table="active", title="上一年项目数量与上年衔接（2019年格式）",
      description="2019年格式：本年的上一年项目数量等于上年报告的上一年项目数量加本年增/减。")
def items_flow(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous_context
    if prev is None or ctx.template.code != "2019" or prev.template.code != "2019":
        return
    for row, cols in ctx.report.active.items():
        if "prev_items" not in cols or "change" not in (prev.report.active.get(row) or {}):
            continue
        this = cols.get("prev_items")
        before = prev.report.cell(f"active.{row}.prev_items")
        change = prev.report.cell(f"active.{row}.change")
        if None in (this, before, change):
            continue
        expected = before + change
        if this != expected:
            code = f"active.{row}.prev_items"
            yield finding(ctx.report, "T2-3", [code],
                          msg.T2_3.format(row=describe_row("active", row, ctx.template),
                                          this=this, prev=before, change=change,
                                          expected=expected, prev_year=prev.report.year,
                                          line=_line(ctx, code), prev_line=_line(prev, code)),
                          msg.T2_3_FIX)


COPY_THRESHOLD = 0.9  # Dice of 4-character runs: rewording a sentence or two falls below
COPY_MIN_CHARS = 40  # “无。” or one stock sentence is not a copied part


@rule("X-4", "warning", title="某部分文字与上年报告雷同",
      description="同一机关上一年度报告的同一部分（尤其是五、存在的主要问题及改进情况）几乎原样照搬："
                  "去掉空白和标点后，两段文字的四字片段重合度（Dice 系数）达到 90% 以上，且该部分不少于 40 字"
                  "（需要同一机关上一年度的报告）。")
def part_copied(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous_context
    if prev is None:
        return
    this_parts, prev_parts = ctx.report.sections or {}, prev.report.sections or {}
    for key, heading in SECTIONS.items():
        this, before = this_parts.get(key) or "", prev_parts.get(key) or ""
        if len(normalized(this)) < COPY_MIN_CHARS or len(normalized(before)) < COPY_MIN_CHARS:
            continue
        score = similarity(this, before)
        if score >= COPY_THRESHOLD:
            f = finding(ctx.report, "X-4", [], msg.X_4.format(
                heading=heading, prev_year=prev.report.year, percent=f"{score * 100:.0f}"), msg.X_4_FIX)
            f.where.update({"excerpt": excerpt_of(this), "section": key,
                            "similarity": round(score, 3)})
            yield f
