"""Table 三's identities (standard.md §3.1): T3-1, T3-2, T3-3 and T3-5.

T3-4 (integers ≥ 0) is owned by F-VALUE (findings.md).
"""

from __future__ import annotations

from typing import Iterator

from ...standard.identities import Identity, application_identities
from .. import messages as msg
from ..context import OTHER_ROWS, SINGLE_OTHER, SPLIT_OTHER, Context, split_code
from ..engine import Finding, finding, rule
from ..labels import describe_column, describe_row
from .identity import blanks, holds, total, uncheckable

T = "applications"


def _cell(row: str, col: str) -> str:
    return f"{T}.{row}.{col}"


def _column_name(ctx: Context, col: str) -> str:
    return describe_column(T, col, ctx.template)


def _identities(ctx: Context, rule_id: str) -> list[Identity]:
    """The report's instances of one identity of table 三 (`standard.identities`)."""
    return [i for i in application_identities(ctx.template, ctx.application_rows)
            if i.rule == rule_id]


@rule("T3-1", "error", table=T, title="申请数量的勾稽关系",
      description="每一列：一、本年新收加二、上年结转之和，等于（七）总计加四、结转下年度继续办理之和"
                  "（表头注明的勾稽关系）。")
def intake_balances(ctx: Context) -> Iterator[Finding]:
    for ident in _identities(ctx, "T3-1"):
        name = _column_name(ctx, ident.key)
        yield from holds(ctx, "T3-1", ident, msg.T3_1_WHAT.format(column=name), msg.T3_1,
                         msg.T3_1_FIX, at=ident.right[0], column=name)


def _other_part(ctx: Context, col: str) -> tuple[list[str], object]:
    """Blank cells and value of the (六) rows in one column when the report fills
    both kinds: the kind that is filled counts; when both are, the single row counts
    once if it is the sub-rows' subtotal, else both count (and T3-2 will show it)."""
    single = [_cell(r, col) for r in SINGLE_OTHER]
    split = [_cell(r, col) for r in SPLIT_OTHER]
    s_blank, p_blank = blanks(ctx, single), blanks(ctx, split)
    if not p_blank and len(s_blank) == len(single):
        return [], total(ctx, split)
    if not s_blank and len(p_blank) == len(split):
        return [], total(ctx, single)
    if s_blank or p_blank:
        return s_blank + p_blank, None
    s, p = total(ctx, single), total(ctx, split)
    return [], s if s == p else s + p


@rule("T3-2", "error", table=T, title="（七）总计等于各项办理结果之和",
      description="每一列：（七）总计等于（一）予以公开至（六）其他处理各行之和；"
                  "（六）其他处理按报告实际使用的一行或三行计算。")
def results_add_up(ctx: Context) -> Iterator[Finding]:
    both = len(ctx.other_in_use) > 1
    for ident in _identities(ctx, "T3-2"):
        col = ident.key
        total_cell = ident.left[0]
        fixed = [c for c in ident.right if not (both and split_code(c)[1] in OTHER_ROWS)]
        others = [_cell(r, col) for r in ctx.application_rows if r in OTHER_ROWS] if both else []
        cells = [total_cell] + fixed + others
        name = _column_name(ctx, col)
        blank = blanks(ctx, [total_cell] + fixed)
        other = 0
        if both:
            other_blank, other = _other_part(ctx, col)
            blank += other_blank
        if blank:
            yield uncheckable(ctx, "T3-2", msg.T3_2_WHAT.format(column=name), cells, blank)
            continue
        parts = total(ctx, fixed) + other
        printed = ctx.report.cell(total_cell)
        if printed != parts:
            yield finding(ctx.report, "T3-2", cells,
                          msg.T3_2.format(total=msg.number(printed), parts=msg.number(parts),
                                          column=name), msg.T3_2_FIX)


@rule("T3-3", "error", table=T, title="总计列等于六类申请人之和",
      description="每一行：总计列等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。")
def columns_add_up(ctx: Context) -> Iterator[Finding]:
    for ident in _identities(ctx, "T3-3"):
        if ctx.row_missing(T, ident.key):
            continue  # F-TABLE reports the row; its own sum has nothing to check
        name = describe_row(T, ident.key, ctx.template)
        yield from holds(ctx, "T3-3", ident, msg.T3_3_WHAT.format(row=name), msg.T3_3,
                         msg.T3_3_FIX, row=name)


@rule("T3-5", "error", table=T, title="办理和结转的申请不多于收到的申请",
      description="每一列：（七）总计和四、结转下年度继续办理都不大于一、本年新收加二、上年结转之和。")
def not_more_than_intake(ctx: Context) -> Iterator[Finding]:
    for col in ctx.applicant_columns:
        intake_cells = [_cell("received", col), _cell("carried_in", col)]
        column = _column_name(ctx, col)
        for row in ("total", "carried_forward"):
            cells = [_cell(row, col)] + intake_cells
            name = describe_row(T, row, ctx.template)
            blank = blanks(ctx, cells)
            if blank:
                yield uncheckable(ctx, "T3-5", msg.T3_5_WHAT.format(name=name, column=column),
                                  cells, blank)
                continue
            value, intake = ctx.report.cell(cells[0]), total(ctx, intake_cells)
            if value > intake:
                yield finding(ctx.report, "T3-5", cells,
                              msg.T3_5.format(name=name, value=msg.number(value),
                                              intake=msg.number(intake), column=column),
                              msg.T3_5_FIX)
