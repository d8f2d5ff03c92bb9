"""A column a portal's template leaves out of table 三 or 四 altogether (header and
rows: bench/hunt4_probe.py t3_col_missing, t4_totals_missing): the printed numbers
are read in their columns and the column left out is given by the identities
(F-INFERRED, `decided_by` the identity), or left null where they do not hold."""

from __future__ import annotations

import re

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.api import check_report
from zfxxgk.parse import parse_text


def _lines(report) -> list[str]:
    return write("tab_exact", report, seed=1, style=Style.plain()).split("\n")


def _t4(lines: list[str]) -> tuple[int, int]:
    names = next(k for k, ln in enumerate(lines) if ln.startswith("结果维持"))
    return names, next(k for k in range(names, len(lines)) if re.match(r"\d", lines[k]))


def _t4_without(lines: list[str], col: int) -> list[str]:
    """Table 四 with column `col` (0..4) left out of every group, header and row."""
    names, nums = _t4(lines)
    keep = [k for k in range(15) if k % 5 != col]
    for k in (names, nums):
        cells = lines[k].split("\t")
        lines[k] = "\t".join(cells[i] for i in keep)
    return lines


@pytest.mark.parametrize("sep", ["\t", "   ", " | "])
def test_table_4_without_its_totals_reads_the_parts_and_infers_the_totals(sep):
    report = distinct_report("2021", seed=31)
    parsed = parse_text("\n".join(_t4_without(_lines(report), 4)).replace("\t", sep))
    assert parsed.review_litigation == report.review_litigation
    assert parsed.provenance["review_litigation.review.total"].decided_by == "T4-1"
    found = [f for f in check_report(parsed) if f.rule == "F-INFERRED"]
    assert len(found) == 3 and all("整栏缺失" in f.message for f in found)


def test_table_4_without_its_pending_column_infers_it_from_the_totals():
    report = distinct_report("2019", seed=32, year=2020)
    parsed = parse_text("\n".join(_t4_without(_lines(report), 3)))
    assert parsed.review_litigation == report.review_litigation


def test_table_4_with_twelve_names_over_fifteen_numbers_is_read_as_printed():
    """A header line short of its 总计 names (an editor's slip) says nothing over a
    row of fifteen: read by the form's places, as before."""
    report = distinct_report("2021", seed=33)
    lines = _lines(report)
    names, _ = _t4(lines)
    lines[names] = "\t".join(c for c in lines[names].split("\t") if c != "总计")
    parsed = parse_text("\n".join(lines))
    assert parsed.review_litigation == report.review_litigation


def test_table_4_totals_named_on_a_line_of_their_own_are_not_inferred():
    """总计 named elsewhere in the header: the row's twelve numbers may have lost
    other cells; nothing is placed, nothing inferred."""
    report = distinct_report("2021", seed=34)
    lines = _t4_without(_lines(report), 4)
    names, _ = _t4(lines)
    lines.insert(names, "总计")
    parsed = parse_text("\n".join(lines))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.review_litigation["review"]["total"] is None


def _t3_without(report, col: int, total_off: str | None = None) -> str:
    """Table 三 with column `col` (1..7 among the tab cells) left out, header and
    rows; `total_off`: a row whose printed total is 10 more than its parts."""
    lines = _lines(report)
    head = next(k for k, ln in enumerate(lines) if "\t自然人\t" in ln)
    end = next(k for k, ln in enumerate(lines) if k > head and ln.startswith("四、政府"))
    for k in range(head, end):
        cells = lines[k].split("\t")
        if len(cells) == 8:
            if total_off and total_off in cells[0]:
                cells[7] = str(int(cells[7]) + 10)
            lines[k] = "\t".join(cells[:col] + cells[col + 1:])
    return "\n".join(lines)


@pytest.mark.parametrize("col", [1, 4, 7])
def test_table_3_without_a_column_infers_it_from_each_rows_total(col):
    report = distinct_report("2021", seed=35 + col)
    parsed = parse_text(_t3_without(report, col))
    assert parsed.applications == report.applications
    code = ("applications.received."
            + ["natural_person", "", "", "nonprofit", "", "", "total"][col - 1])
    assert parsed.provenance[code].decided_by == "T3-3"
    found = [f for f in check_report(parsed) if f.rule == "F-INFERRED" and code in f.cells]
    assert found and "整栏缺失" in found[0].message


def test_table_3_without_a_column_whose_totals_disagree_leaves_those_cells_null():
    """A row printing a total 10 more than its parts: its missing kind would be read
    10 too large; the column's identities refute it (and the cells they bind)."""
    report = distinct_report("2021", seed=41)
    parsed = parse_text(_t3_without(report, 4, total_off="（一）予以公开"))
    assert parsed.applications["granted"]["nonprofit"] is None
    truth = tables_of(report)
    truth["applications"]["granted"] = dict(truth["applications"]["granted"],
                                           total=report.applications["granted"]["total"] + 10)
    assert wrong_cells(parsed, truth) == []
    assert parsed.applications["received"]["nonprofit"] == report.applications["received"]["nonprofit"]


def test_table_3_header_short_of_a_name_over_rows_of_seven_is_read_as_printed():
    report = distinct_report("2021", seed=42)
    lines = _lines(report)
    head = next(k for k, ln in enumerate(lines) if "\t自然人\t" in ln)
    lines[head] = lines[head].replace("\t科研机构", "")
    parsed = parse_text("\n".join(lines))
    assert parsed.applications == report.applications


def _t3_two_level_without(report, col: int, blank_between: bool = False) -> str:
    """Table 三 under its two-level header (申请人情况 / 自然人 法人或其他组织 总计 / the
    five kinds, as a web page's table gives it) with column `col` (1 自然人, 2..6 a
    kind, 7 总计) left out, header and rows; `blank_between`: the kinds' line with a
    blank cell among its names."""
    lines = _t3_without(report, col).split("\n")
    head = next(k for k, ln in enumerate(lines) if "\t自然人\t" in ln or "\t商业企业\t" in ln)
    top = [t for t in ("自然人", "法人或其他组织", "总计") if not (col == 1 and t == "自然人"
                                                              or col == 7 and t == "总计")]
    kinds = [k for i, k in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), 2)
             if i != col]
    if blank_between:
        kinds.insert(2, "")
    lines[head:head + 1] = [lines[head].split("\t")[0] + "\t申请人情况", "\t" + "\t".join(top),
                            "\t\t" + "\t".join(kinds)]
    return "\n".join(lines)


@pytest.mark.parametrize("col,sep", [(1, "\t"), (3, " | "), (6, "   "), (7, "\t")])
def test_table_3_under_a_two_level_header_without_a_column_infers_it(col, sep):
    report = distinct_report("2021", seed=50 + col)
    parsed = parse_text(_t3_two_level_without(report, col).replace("\t", sep))
    assert parsed.applications == report.applications
    code = "applications.granted." + ["natural_person", "", "research", "", "", "other_org",
                                      "total"][col - 1]
    assert parsed.provenance[code].decided_by == "T3-3"


def test_table_3_two_level_header_with_a_blank_among_its_kinds_infers_nothing():
    """A blank cell among the kinds may be a column printed without its name: which
    kind the rows leave out is not told; nothing is inferred, nothing read wrong."""
    report = distinct_report("2021", seed=57)
    parsed = parse_text(_t3_two_level_without(report, 4, blank_between=True))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications["granted"]["nonprofit"] is None
