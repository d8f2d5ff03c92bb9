"""Format checks on single cells: F-BLANK, F-VALUE and F-INFERRED.

F-VALUE owns T3-4 and T4-2 (counts are integers ≥ 0) as well as the parser's notes
about text or units in a cell. F-BLANK reports only blanks nothing else explains: a
cell left null because its table or row is missing, its row could not be aligned, its
text was not a number or several values fit, already has its own finding.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ...standard import TABLE_CODES, TEMPLATES
from ...standard.spec import Column
from .. import messages as msg
from ..context import Context, listed, mapping, split_code
from ..engine import Finding, finding, rule
from ..labels import describe_cell, describe_cells, describe_column, describe_row


@rule("F-BLANK", "warning", title="空白单元格",
      description="表格要求填数字的单元格留了空白。空白不等于0，涉及它的勾稽关系无法核对。")
def blank_cells(ctx: Context) -> Iterator[Finding]:
    for (table, row), cells in ctx.expected_rows.items():
        if ctx.row_missing(table, row):
            continue  # F-TABLE
        blank = [c for c in cells if ctx.report.cell(c) is None and c not in ctx.explained]
        if not blank:
            continue
        columns = msg.LIST_SEP.join(
            describe_column(table, split_code(c)[2], ctx.template) for c in blank)
        message = msg.BLANK.format(row=describe_row(table, row, ctx.template), columns=columns)
        yield finding(ctx.report, "F-BLANK", blank, message, msg.BLANK_FIX,
                      near=[c for c in cells if c not in blank])


def _column(ctx: Context, table: str, col: str) -> Column | None:
    for template in (ctx.template, *TEMPLATES.values()):
        for c in template.table(table).columns:
            if c.code == col:
                return c
    return None


def _bad_number(ctx: Context, code: str, value) -> tuple[str, str] | None:
    """(message, suggestion) when a value breaks T3-4/T4-2 or the count rule of
    table 二: negative where the column is not signed, a fraction in a count."""
    if isinstance(value, int) and value >= 0:
        return None  # the common case, decided without looking anything up
    table, _, col = split_code(code)
    column = _column(ctx, table, col)
    signed = column.signed if column else col == "change"
    money = column.money if column else col == "amount"
    name = describe_cell(code, ctx.template)
    if value < 0 and not signed and not money:  # money below zero is T2-4's
        return msg.VALUE_NEGATIVE.format(cell=name, value=msg.number(value)), msg.VALUE_NEGATIVE_FIX
    if not money and isinstance(value, Decimal) and value != value.to_integral_value():
        return msg.VALUE_FRACTION.format(cell=name, value=msg.number(value)), msg.VALUE_FRACTION_FIX
    return None


@rule("F-VALUE", "error", title="单元格的值不是数字或不合规",
      description="要求填数字的单元格印的不是数字（/、—、无等）、位数过多（超过15位），"
                  "或件数为负数、不是整数，或数字带括号（如(85)）或夹有形近字母（如1S4）或 PDF 中字形存疑的数字（只印了一个数字的字体）且勾稽关系和正文不能证实，或 Excel 单元格设置成了日期格式且勾稽关系不能证实存的数字，"
                  "或 Excel 文件没有保存计算结果的公式按公式算得的数与勾稽关系不符（错误）；"
                  "数字带有单位，或带括号、夹有形近字母、字形存疑的件数经勾稽关系或正文证实后读取，或 Excel 单元格存的数字由数字格式缩小显示（如按元录入、按万元显示，按显示的数字读取），或日期格式的单元格存的数字经勾稽关系证实（或是录入的数字、没有勾稽关系可以核对）后读取，"
                  "或没有保存计算结果的公式不是 zfxxgk 计算的简单公式（警告）。")
def bad_values(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    for kind, text, fix, severity in (("value_text", msg.VALUE_TEXT, msg.VALUE_TEXT_FIX, None),
                                      ("value_huge", msg.VALUE_HUGE, msg.VALUE_HUGE_FIX, None),
                                      ("value_fraction", msg.VALUE_FRACTION_TEXT, msg.VALUE_FRACTION_FIX, None),
                                      ("value_unit", msg.VALUE_UNIT, msg.VALUE_UNIT_FIX, "warning"),
                                      ("paren_unread", msg.VALUE_PAREN, msg.VALUE_PAREN_FIX, None),
                                      ("paren_signed", msg.VALUE_PAREN_SIGNED, msg.VALUE_PAREN_FIX, None),
                                      ("paren_figure", msg.VALUE_PAREN_KEPT, msg.VALUE_PAREN_FIX, "warning"),
                                      ("letter_unread", msg.VALUE_LETTER, msg.VALUE_LETTER_FIX, None),
                                      ("letter_figure", msg.VALUE_LETTER_KEPT, msg.VALUE_LETTER_FIX, "warning"),
                                      ("digit_unread", msg.VALUE_DIGIT, msg.VALUE_DIGIT_FIX, None),
                                      ("digit_doubted", msg.VALUE_DIGIT_KEPT, msg.VALUE_DIGIT_FIX, "warning"),
                                      ("date_format", msg.VALUE_DATE, msg.VALUE_DATE_FIX, None),
                                      ("date_figure", msg.VALUE_DATE_KEPT, msg.VALUE_DATE_FIX, "warning"),
                                      ("date_typed", msg.VALUE_DATE_TYPED, msg.VALUE_DATE_FIX, "warning"),
                                      ("value_scaled", msg.VALUE_SCALED, msg.VALUE_SCALED_FIX, "warning"),
                                      ("formula_unknown", msg.FORMULA_UNKNOWN, msg.FORMULA_FIX, "warning"),
                                      ("formula_mismatch", msg.FORMULA_MISMATCH, msg.FORMULA_MISMATCH_FIX, None)):
        for note in ctx.notes(kind):
            name = describe_cells(note.cells, ctx.template) if note.cells else ""
            identity = str(note.data.get("identity"))
            basis = msg.VALUE_DATE_BASIS.get(identity, "表格的勾稽关系")
            message = text.format(cell=name, text=note.data.get("text", ""), value=note.data.get("value", ""),
                                  basis=basis, formula=note.data.get("formula", ""),
                                  identity=msg.IDENTITY_NAMES.get(identity, identity),
                                  **_scaled(note.data) if kind == "value_scaled" else {})
            yield finding(r, "F-VALUE", note.cells, message, fix, severity=severity, note=note)
    for table in TABLE_CODES:
        for row, values in getattr(r, table).items():
            for col, value in (values or {}).items():
                if value is None:
                    continue
                code = f"{table}.{row}.{col}"
                bad = _bad_number(ctx, code, value)
                if bad:
                    yield finding(r, "F-VALUE", [code], bad[0], bad[1])


def _scaled(data: dict) -> dict:
    """The words of a value_scaled note's message: the number stored, the format,
    how many times smaller it shows the number, and why offices do it."""
    power = data.get("power") if isinstance(data.get("power"), int) else 0
    return {"stored": data.get("stored", ""), "number_format": data.get("format", ""),
            "scale": 10 ** min(power, 12), "why": msg.VALUE_SCALED_WHY.get(power, "")}


@rule("F-INFERRED", "info", title="推定或无法确定的数值",
      description="原文缺少的数字按表格的勾稽关系推定（提示，写明单元格、数值和所用关系）；"
                  "表二某行的最后一个数字因换行单独印在下一行、与正文所述的数字相符时读取（提示）；"
                  "Excel 文件没有保存计算结果的公式按公式算出（提示，写明公式）；"
                  "有几个数值都说得通时，单元格留空并列出可能的数值（警告）。")
def inferred_values(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    for note in ctx.notes("inferred"):
        identity = str(note.data.get("identity", ""))
        ocr = note.data.get("ocr")
        template, fix = (msg.INFERRED_OCR, msg.INFERRED_OCR_FIX) if isinstance(ocr, dict) \
            else (msg.INFERRED_WRAPPED, msg.INFERRED_WRAPPED_FIX) if note.data.get("merged") == "wrapped" \
            else (msg.INFERRED, msg.INFERRED_FIX)
        confidence = ocr.get("confidence") if isinstance(ocr, dict) else None
        message = template.format(
            cell=describe_cells(note.cells, ctx.template),
            identity=msg.IDENTITY_NAMES.get(identity, identity),
            value=msg.number(note.data.get("value")),
            text=ocr.get("text", "") if isinstance(ocr, dict) else "",
            confidence=f"{confidence:.2f}" if isinstance(confidence, (int, float)) else "未知")
        message += msg.INFERRED_MERGED.get(note.data.get("merged"), "")
        yield finding(r, "F-INFERRED", note.cells, message, fix, note=note)
    for note in ctx.notes("formula_computed"):
        count = int(note.data.get("count") or len(note.cells))
        message = msg.FORMULA_COMPUTED.format(
            cell=describe_cell(note.cells[0], ctx.template) if note.cells else "",
            more=msg.FORMULA_COMPUTED_MORE.format(count=count) if count > 1 else "",
            formula=note.data.get("formula", ""), value=msg.number(note.data.get("value")))
        yield finding(r, "F-INFERRED", note.cells, message, msg.FORMULA_FIX, note=note)
    for note in ctx.notes("ambiguous"):
        candidates = mapping(note.data.get("candidates"))
        options = msg.CLAUSE_SEP.join(
            msg.AMBIGUOUS_ONE.format(cell=describe_cell(code, ctx.template),
                                     values=msg.OR.join(msg.number(v) for v in listed(values)))
            for code, values in candidates.items())
        cells = note.cells or list(candidates)
        message = msg.AMBIGUOUS.format(cells=describe_cells(cells, ctx.template),
                                       candidates=options)
        readings = listed(note.data.get("readings"))
        if readings and note.data.get("printed"):
            message += msg.AMBIGUOUS_SPLITS.format(printed=note.data["printed"],
                                                   readings=msg.OR.join(map(str, readings)))
        message += msg.AMBIGUOUS_DOUBT.get(note.data.get("doubt"), "")
        yield finding(r, "F-INFERRED", cells, message, msg.AMBIGUOUS_FIX,
                      severity="warning", note=note)
