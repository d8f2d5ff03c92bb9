"""A scan's line of text keeps how surely it was read (`Line.ocr`: one
(confidence, box)), as a table cell does: figures the parser takes from it are
as sure as the line (tests/parse/test_ocr_prose_lines.py)."""

from __future__ import annotations

from zfxxgk.ingest.ocr.lines import page_lines
from zfxxgk.ingest.ocr.page import OcrCell, PageItem


def test_a_line_of_text_keeps_its_confidence_and_box():
    cell = OcrCell("12", 0.97, (300, 10, 360, 40))
    items = [PageItem(10, text="其他对外管理服务事项", confidence=0.99, box=(20, 10, 280, 40)),
             PageItem(60, text="14", confidence=0.6, box=(300, 60, 330, 90)),
             PageItem(100, grid=[[OcrCell("规章", 1.0, (20, 100, 280, 130)), cell]], box=(20, 100, 360, 130))]
    lines = page_lines([items])
    assert [ln.text for ln in lines[:2]] == ["其他对外管理服务事项", "14"]
    assert lines[1].ocr == ((0.6, (300, 60, 330, 90)),)
    assert lines[1].ocr_cell(0) == (0.6, (300, 60, 330, 90))
    assert lines[2].ocr[1] == (0.97, (300, 10, 360, 40))  # a table's cells as before
