"""A scan's table 三 cell read with low confidence is settled by table 三's own
identities in the parse (parse/__init__ passes table 三's rows to ocr_trust.settle):
a misread digit is set from the identity (F-INFERRED), never kept as read."""

from __future__ import annotations

import dataclasses

from strategies import distinct_report

from zfxxgk.api import check_report
from zfxxgk.ingest.load import load_document
from zfxxgk.parse import parse_document
from zfxxgk.render import render

CODE = "applications.received.natural_person"


def _scanned(report, misread: str, confidence: float, readings: tuple = ()):
    """The report's HTML read as if by OCR: every table cell confident (0.99) but
    table 三's 新收申请 自然人 cell, read as `misread` with `confidence` (and
    read again as `readings`)."""
    doc = load_document(render(report, "html").encode(), "scan.html")
    true = str(report.applications["received"]["natural_person"])
    out = [line if line.cols is None else
           dataclasses.replace(line, ocr=((0.99, (10, 20, 60, 50)),) * (line.text.count("\t") + 1))
           for line in doc.lines]
    hit = 0
    # the row of 新收政府信息公开申请数量 in table 三: its first number is 自然人
    for i, line in enumerate(out):
        cells = line.text.split("\t")
        if line.cols is not None and "新收" in line.text and true in cells:
            k = cells.index(true)
            cells[k] = misread
            ocr = list(line.ocr)
            ocr[k] = (confidence, (10, 20, 60, 50)) + ((readings,) if readings else ())
            out[i] = dataclasses.replace(line, text="\t".join(cells), ocr=tuple(ocr))
            hit += 1
    assert hit == 1
    doc.lines = out
    doc.meta["ocr"] = "1"
    return doc


def test_low_confidence_table_3_cell_is_settled_by_table_3_identities():
    report = distinct_report("2021", seed=3)
    true = report.applications["received"]["natural_person"]
    wrong = true + 1
    parsed = parse_document(_scanned(report, str(wrong), 0.61))
    assert parsed.applications["received"]["natural_person"] == true
    assert parsed.provenance[CODE].decided_by in ("T3-1", "T3-3")  # table 三's own
    found = [f for f in check_report(parsed) if f.rule in ("F-INFERRED", "F-OCR")]
    assert [f.rule for f in found] == ["F-INFERRED"]
    assert f"识别为“{wrong}”" in found[0].message


def test_a_cells_other_readings_reach_its_provenance_but_not_the_json():
    report = distinct_report("2021", seed=3)
    true = report.applications["received"]["natural_person"]
    readings = (str(true), str(true + 1), str(true))
    parsed = parse_document(_scanned(report, str(true + 1), 0.61, readings))
    assert parsed.provenance[CODE].readings == readings
    assert "readings" not in parsed.provenance[CODE].to_dict()
    assert parsed.applications["received"]["natural_person"] == true
