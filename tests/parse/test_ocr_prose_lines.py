"""A scan's table whose rules were not found (faint, broken) is read as lines of
text, and its figures come from those lines: each is as sure as its line was
read. The line's confidence reaches the cells' provenance, so a doubtful line's
figures are settled or left null (F-OCR) like a doubtful cell's, never kept as
read (scan_classes faint_rules: 144 read "14" at 0.60 was a wrong number no
finding named)."""

from __future__ import annotations

import dataclasses

from strategies import distinct_report

from zfxxgk.api import check_report
from zfxxgk.ingest.load import load_document
from zfxxgk.parse import parse_document
from zfxxgk.render import render

BOX = (10, 20, 400, 50)


def _read_as_prose(report, misread: str, confidence: float):
    """The report's Markdown as a scan's lines of text: every line read at 0.99
    but table 二's 规章 row, its first figure read as `misread` with `confidence`."""
    doc = load_document(render(report, "md").encode(), "scan.md")
    true = str(report.active["rules"]["issued"])
    out = []
    for line in doc.lines:
        if line.text.startswith("| 规章 |"):
            line = dataclasses.replace(line, text=line.text.replace(f"| {true} |", f"| {misread} |", 1),
                                       ocr=((confidence, BOX),))
        else:
            line = dataclasses.replace(line, ocr=((0.99, BOX),))
        out.append(line)
    doc.lines = out
    doc.meta["ocr"] = "1"
    return doc


def test_a_figure_of_a_doubtful_line_is_not_kept_as_read():
    report = distinct_report("2021", seed=3)
    misread = str(report.active["rules"]["issued"])[:-1]  # a digit lost
    parsed = parse_document(_read_as_prose(report, misread, 0.60))
    assert parsed.active["rules"]["issued"] is None
    assert parsed.provenance["active.rules.issued"].confidence == 0.6
    found = [f for f in check_report(parsed) if "active.rules.issued" in f.cells]
    assert "F-OCR" in [f.rule for f in found]
    # a line read surely keeps its figures, as OCR read
    assert parsed.active["normative_docs"] == report.active["normative_docs"]
    assert parsed.provenance["active.normative_docs.issued"].ocr


def test_a_surely_read_line_keeps_its_figures():
    report = distinct_report("2021", seed=3)
    true = str(report.active["rules"]["issued"])
    parsed = parse_document(_read_as_prose(report, true, 0.99))
    assert parsed.active["rules"] == report.active["rules"]
    assert not [f for f in check_report(parsed) if f.rule == "F-OCR"]
