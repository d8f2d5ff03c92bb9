"""A finding quotes the values on screen, not an edited cell's old source line;
its fingerprint (what a reviewer's verdict is kept by) stays the one it had."""

from __future__ import annotations

from pathlib import Path

from zfxxgk import api
from zfxxgk.app.finding_table import finding_fingerprint
from zfxxgk.app.restate import edited_cells, restate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOTAL = "applications.total.total"  # （七）总计 总计, printed 10 on line 66: "（七）总计 10 1 0 0 0 0 10"


def _report():
    return api.report_from_bytes((EXAMPLES / "wanghu-street-2023.txt").read_bytes(), "wanghu-street-2023.txt")


def _edit(report, code, value):
    """As the web's editor does: the value put in, the printed text dropped."""
    table, row, col = code.split(".")
    getattr(report, table)[row][col] = value
    report.provenance[code].text = None
    return report


def _by_rule(findings):
    """The first finding of each rule (the edit below adds findings on the 总计 column)."""
    out = {}
    for f in findings:
        out.setdefault(f.rule, f)
    return out


def test_nothing_edited_leaves_findings_as_checked():
    report = _report()
    assert edited_cells(report) == set()
    found = api.check_report(report)
    before = [f.to_dict() for f in found]
    assert [f.to_dict() for f in restate(report, found)] == before


def test_edited_cell_is_quoted_with_its_new_value_and_keeps_its_fingerprint():
    original = _by_rule(api.check_report(_report()))
    assert original["T3-3"].where["excerpt"] == "（七）总计 10 1 0 0 0 0 10"
    report = _edit(_report(), TOTAL, 13)
    found = _by_rule(restate(report, api.check_report(report)))
    assert edited_cells(report) == {TOTAL}
    assert found["T3-3"].where["excerpt"] == ("表三 第24行 自然人：10，商业企业：1，科研机构：0，"
                                              "社会公益组织：0，法律服务机构：0，其他：0，总计：13")
    for rule in ("T3-1", "T3-2", "T3-3"):  # every finding quoting the edited line
        f = found[rule]
        assert f.where["line"] == 66 and f.where["excerpt"].startswith("表三 第24行 ")
        assert "（七）" not in f.where["excerpt"], f.where  # never the old line
        assert finding_fingerprint(f) == finding_fingerprint(original[rule])  # the verdict's key
    # a line nobody touched: as the checker gave it, its fingerprint computed as always
    assert found["F-META"].where == original["F-META"].where and "fingerprint" not in found["F-META"].where


def test_a_blank_typed_cell_is_quoted_as_blank():
    report = _edit(_report(), TOTAL, None)
    found = restate(report, api.check_report(report))
    quotes = {f.where["excerpt"] for f in found if f.where.get("line") == 66 and TOTAL in f.cells}
    assert quotes and all("总计：（空）" in q for q in quotes), quotes


def test_an_edit_elsewhere_leaves_the_quotes_of_untouched_lines():
    """本年新收 edited: the findings still quote line 66 (（七）总计), which no edit
    touched and which still says what the report says."""
    code = "applications.received.natural_person"
    report = _edit(_report(), code, 9)
    assert report.provenance[code].line != 66
    found = restate(report, api.check_report(report))
    assert any(f.rule == "T3-1" for f in found)
    assert all(f.where.get("line") != report.provenance[code].line for f in found)
    assert all("fingerprint" not in f.where for f in found)
    assert {f.where["excerpt"] for f in found if f.where.get("line") == 66} == {"（七）总计 10 1 0 0 0 0 10"}
