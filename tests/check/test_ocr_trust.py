"""Numbers read by OCR are verified by the identities (parse/ocr_trust.py): a
doubtful cell an identity determines is set from it (F-INFERRED), one no identity
confirms keeps its reading and is flagged F-OCR; confident cells are untouched."""

from __future__ import annotations

from samples import load_expected, samples_dir
from zfxxgk.api import check_report
from zfxxgk.model import Provenance, Report
from zfxxgk.parse.ocr_trust import settle
from zfxxgk.standard import TEMPLATES


def _report(doubts: dict[str, tuple[str, float]]) -> Report:
    """The real 洪泽区 2024 report as if every cell had been read by OCR with
    confidence 0.99, except `doubts`: cell -> (text recognised, confidence)."""
    data = load_expected(samples_dir() / "real-expected" / "hongze-district-2024.json")
    report = Report.model_validate(data)
    prov = {}
    for table in ("active", "applications", "review_litigation"):
        for row, cols in getattr(report, table).items():
            for col, value in cols.items():
                code = f"{table}.{row}.{col}"
                prov[code] = Provenance(page=3, table=2, row=5, col=2,
                                        text="" if value is None else str(value), ocr=True,
                                        confidence=0.99, box=[10, 20, 60, 50])
    for code, (text, confidence) in doubts.items():
        table, rest = code.split(".", 1)
        row, col = rest.rsplit(".", 1)
        getattr(report, table)[row][col] = int(text) if text.isdigit() else None
        prov[code].text, prov[code].confidence = text, confidence
    report.provenance = prov
    return report


def _settle(report: Report) -> Report:
    rows = list(report.applications)
    report._notes = settle(report, TEMPLATES["2021"], rows, [])
    return report


def test_doubtful_cell_an_identity_determines_is_set_and_flagged_inferred():
    # 95 misread as 35 with low confidence: 总计 95 = the six applicant columns (T3-3)
    report = _settle(_report({"applications.received.natural_person": ("35", 0.61)}))
    assert report.applications["received"]["natural_person"] == 95
    found = [f for f in check_report(report) if f.rule in ("F-INFERRED", "F-OCR")]
    assert [f.rule for f in found] == ["F-INFERRED"]
    assert "识别为“35”" in found[0].message and "置信度0.61" in found[0].message


def test_unreadable_cell_is_determined_too():
    report = _settle(_report({"applications.granted.natural_person": ("5O", 0.4)}))
    assert report.applications["granted"]["natural_person"] == 50


def test_doubtful_cell_no_identity_confirms_is_kept_and_flagged_ocr():
    # table 二 has no identity: the reading is kept and the reviewer told where to look
    report = _settle(_report({"active.penalty.decisions": ("8", 0.62)}))
    assert report.active["penalty"]["decisions"] == 8
    found = [f for f in check_report(report) if f.rule == "F-OCR"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].message.startswith("第3页 表二 第5行")
    assert found[0].message.endswith("识别为“8”，置信度0.62，请核对原件")


def test_two_doubtful_cells_of_one_identity_decide_nothing_from_each_other():
    report = _settle(_report({"applications.received.natural_person": ("35", 0.6),
                              "applications.received.total": ("35", 0.6)}))
    # T3-1 down the columns still settles both from trusted cells
    assert report.applications["received"]["natural_person"] == 95
    assert report.applications["received"]["total"] == 95


def test_confident_cells_are_untouched():
    report = _settle(_report({}))
    assert report.notes == []


def test_f_ocr_is_listed_in_the_rules():
    from zfxxgk.check import rules_catalogue

    assert "F-OCR" in {e["id"] for e in rules_catalogue()}
