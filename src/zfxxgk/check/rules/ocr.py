"""F-OCR: numbers read from a picture that the recogniser was unsure of and no
identity could confirm. The reviewer is told where to look on the original."""

from __future__ import annotations

from typing import Iterator

from .. import messages as msg
from ..context import Context, listed, split_code
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
      description="扫描件或图片中的数字识别置信度低，且表格的勾稽关系和正文都无法确认它：留空，"
                  "列出识别和重读（笔画加粗、变细）的结果，请对照原件填写；不做文字识别（--no-ocr）时"
                  "从扫描件自带的识别层读取的页，也在这里提示。"
                  "勾稽关系或正文能确定的数字按其取值，报告为 F-INFERRED。")
def uncertain_ocr(ctx: Context) -> Iterator[Finding]:
    for note in ctx.notes("ocr"):
        code = note.cells[0]
        table, row, col = split_code(code)
        confidence = note.data.get("confidence")
        text = note.data.get("text", "")
        others = [v for v in listed(note.data.get("candidates")) if v != text.strip()]
        message = msg.OCR_UNSURE.format(
            where=_where(note, table), row=describe_row(table, row, ctx.template),
            column=describe_column(table, col, ctx.template), text=text,
            confidence=f"{confidence:.2f}" if isinstance(confidence, (int, float)) else "未知",
            others=msg.OCR_OTHERS.format(values=msg.OR.join(f"“{v}”" for v in others))
            if others else "")
        yield finding(ctx.report, "F-OCR", note.cells, message, msg.OCR_UNSURE_FIX, note=note)
    for note in ctx.notes("ocr_layer"):  # a scanner's layer read as the page's text (--no-ocr)
        yield finding(ctx.report, "F-OCR", [], msg.OCR_LAYER.format(page=note.page),
                      msg.OCR_LAYER_FIX, note=note)
