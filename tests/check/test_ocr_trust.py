"""Numbers read by OCR are verified by the identities (parse/ocr_trust.py): a
doubtful cell an identity determines is set from it (F-INFERRED); one the prose
or an identity over several doubtful cells confirms is set so too
(parse/ocr_readings.py); any other is null and flagged F-OCR with what was read
(readings that agree confirm nothing); confident cells are untouched."""

from __future__ import annotations

from samples import load_expected, samples_dir
from zfxxgk.api import check_report
from zfxxgk.ingest.document import Line
from zfxxgk.model import Provenance, Report
from zfxxgk.parse.ocr_trust import settle
from zfxxgk.standard import TEMPLATES


def _report(doubts: dict[str, tuple]) -> Report:
    """The real 洪泽区 2024 report as if every cell had been read by OCR with
    confidence 0.99, except `doubts`: cell -> (text recognised, confidence[,
    the cell's other readings])."""
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
    for code, (text, confidence, *readings) in doubts.items():
        table, rest = code.split(".", 1)
        row, col = rest.rsplit(".", 1)
        getattr(report, table)[row][col] = int(text) if text.isdigit() else None
        prov[code].text, prov[code].confidence = text, confidence
        prov[code].readings = readings[0] if readings else None
    report.provenance = prov
    return report


def _settle(report: Report, prose: str = "") -> Report:
    rows = list(report.applications)
    report._notes = settle(report, TEMPLATES["2021"], rows, [], [Line(1, prose)])
    return report


def _true(code: str) -> int:
    report = _report({})
    return report.cell(code)


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


def test_doubtful_cell_nothing_confirms_is_null_and_flagged_ocr():
    # table 二 has no identity and the cell was not read again: a doubtful number
    # is no number (it was kept as read, and in a fax one in six was wrong)
    report = _settle(_report({"active.penalty.decisions": ("8", 0.62)}))
    assert report.active["penalty"]["decisions"] is None
    found = [f for f in check_report(report) if f.rule == "F-OCR"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].message.startswith("第3页 表二 第5行")
    assert found[0].message.endswith("识别为“8”，置信度0.62，无法确认，已留空；请核对原件")


def test_readings_that_disagree_leave_the_cell_null_and_are_listed():
    # a fax's 4500 read as "500", then as 4500 with its strokes made thicker
    report = _settle(_report({"active.penalty.decisions": ("500", 0.9, ("4500", "500", "4500", "4500", "4500"))}))
    assert report.active["penalty"]["decisions"] is None
    found = [f for f in check_report(report) if f.rule == "F-OCR"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "识别为“500”，置信度0.90；重读为“4500”，无法确认，已留空" in found[0].message


def test_readings_that_all_agree_confirm_nothing():
    # a 1-bit fax's 357 read as 337, then five times again as 337: the same model
    # reading the same ink; only the prose or an identity confirms a reading
    report = _settle(_report({"active.penalty.decisions": ("337", 0.83, ("337",) * 5)}))
    assert report.active["penalty"]["decisions"] is None
    found = [f for f in check_report(report) if f.rule == "F-OCR"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "识别为“337”，置信度0.83，无法确认，已留空" in found[0].message


def test_a_figure_the_prose_states_chooses_among_the_readings():
    code = "active.normative_docs.in_force"
    true = _true(code)
    doubt = {code: (str(true + 1000), 0.7, (str(true), str(true + 1000)))}
    prose = f"本机关现行有效规范性文件{true}件。"
    report = _settle(_report(doubt), prose)
    assert report.cell(code) == true
    assert report.provenance[code].decided_by == "正文"
    assert [f.rule for f in check_report(report) if code in f.cells] == ["F-INFERRED"]
    # the prose stating a figure none of the readings is decides nothing
    report = _settle(_report(doubt), f"本机关现行有效规范性文件{true + 7}件。")
    assert report.cell(code) is None


def test_an_identity_over_several_doubtful_cells_chooses_the_one_fitting_reading():
    # four cells in a square: each row and each column identity has two doubtful
    # cells, so none determines one alone; the readings of the pair fit only one way
    cells = [f"applications.{r}.{c}" for r in ("received", "granted")
             for c in ("natural_person", "commercial")]
    true = {c: _true(c) for c in cells}
    doubts = {c: (str(v), 0.8) for c, v in true.items()}
    first = cells[0]
    doubts[first] = (str(true[first] + 4000), 0.8, (str(true[first]), str(true[first] + 4000)))
    report = _settle(_report(doubts))
    assert {c: report.cell(c) for c in cells} == true
    assert report.provenance[first].decided_by.startswith("T3")
    assert {f.rule for f in check_report(report) if set(f.cells) & set(cells)} == {"F-INFERRED"}


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


def test_a_cell_set_by_one_identity_lets_the_next_one_set_another():
    # 新收申请's 自然人 and 总计 doubtful, and the 自然人 column's 总计 too: no identity
    # sets the first from trusted cells (T3-1 needs the column's 总计, T3-3 the row's),
    # but each of those two is set from trusted cells (T3-3 of the 总计 row, T3-1 of
    # the 总计 column), and then it is. (A scanned 淮安市 2024 report lost such a
    # cell: null where 1 was printed.)
    cell, row_total, column_total = ("applications.received.natural_person",
                                     "applications.received.total",
                                     "applications.total.natural_person")
    report = _settle(_report({cell: ("3", 0.6), row_total: ("7", 0.6), column_total: ("1", 0.6)}))
    for code in (cell, row_total, column_total):
        assert report.cell(code) == _true(code)
    found = [f for f in check_report(report) if f.rule in ("F-INFERRED", "F-OCR")]
    assert sorted(f.rule for f in found) == ["F-INFERRED"] * 3


def test_cells_chosen_by_an_identity_let_a_single_identity_set_another():
    # 新收申请's 自然人 and 商业企业 doubtful (the first misread 4095 once), and 上年结转's
    # too, unread: every identity holds two of them, so none sets one alone. The
    # 新收 row's total fits one choice of the readings; with those two set, each
    # column (T3-1) has one doubtful cell left, which it sets. (The settlers were
    # two loops, and a cell a choice freed never went back to the first: null.)
    received, carried = "applications.received.", "applications.carried_in."
    doubts = {received + "natural_person": ("4095", 0.8, ("95", "4095")),
              received + "commercial": ("0", 0.8),
              carried + "natural_person": ("O", 0.3), carried + "commercial": ("O", 0.3)}
    report = _settle(_report(doubts))
    assert {c: report.cell(c) for c in doubts} == {c: _true(c) for c in doubts}
    assert report.provenance[carried + "natural_person"].decided_by == "T3-1"
    found = [f for f in check_report(report) if f.rule in ("F-INFERRED", "F-OCR")]
    assert sorted(f.rule for f in found) == ["F-INFERRED"] * 4
