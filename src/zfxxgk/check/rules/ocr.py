"""F-OCR: numbers read from a picture that the recogniser was unsure of and no
identity could confirm. The reviewer is told where to look on the original."""

from __future__ import annotations

from typing import Iterator

from .. import messages as msg
from ..context import Context, split_code
from ..engine import Finding, finding, rule
from ..labels import describe_column, describe_row


def _where(note, table: str) -> str:
    parts = []
    if note.data.get("page"):
        parts.append(f"第{note.data['page']}页")
    parts.append(msg.TABLE_NAMES.get(table, table))
    if note.data.get("row"):
        parts.append(f"第{note.data['row']}行")
    return " ".join(parts)


@rule("F-OCR", "warning", title="文字识别不确定的数字",
      description="扫描件或图片中的数字识别置信度低，且表格的勾稽关系无法确认它：保留识别结果，"
                  "请对照原件核对；不做文字识别（--no-ocr）时从扫描件自带的识别层读取的页，"
                  "也在这里提示。勾稽关系能确定的数字按关系取值，报告为 F-INFERRED。")
def uncertain_ocr(ctx: Context) -> Iterator[Finding]:
    for note in ctx.notes("ocr"):
        code = note.cells[0]
        table, row, col = split_code(code)
        confidence = note.data.get("confidence")
        message = msg.OCR_UNSURE.format(
            where=_where(note, table), row=describe_row(table, row, ctx.template),
            column=describe_column(table, col, ctx.template), text=note.data.get("text", ""),
            confidence=f"{confidence:.2f}" if isinstance(confidence, (int, float)) else "未知")
        yield finding(ctx.report, "F-OCR", note.cells, message, msg.OCR_UNSURE_FIX, note=note)
    for note in ctx.notes("ocr_layer"):  # a scanner's layer read as the page's text (--no-ocr)
        yield finding(ctx.report, "F-OCR", [], msg.OCR_LAYER.format(page=note.page),
                      msg.OCR_LAYER_FIX, note=note)
