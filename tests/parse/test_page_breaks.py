"""Text copied from multi-page PDF and Word files: page furniture inside the tables.

A page break leaves its page number, the running header and, in a table that goes
on, the table's column header between two rows, or between a row's label and its
numbers; the title may be split over two lines or letter-spaced. The furniture is
skipped: every cell is read exactly or left null, and only a row the break cut may
be left null (tests/pagebreaks.py writes such texts; bench/pagebreak_probe.py counts).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exact_cells import TABLES, tables_of, wrong_cells
from layouts import LAYOUTS, write
from pagebreaks import paged_text, touched
from strategies import distinct_report, reports
from zfxxgk.parse import parse_text

NAMES = sorted(n for n in LAYOUTS if n != "run_together")


def _read(report) -> set[tuple[str, str, str]]:
    return {(t, r, c) for t in TABLES for r, cols in getattr(report, t).items()
            for c, v in cols.items() if v is not None}


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report=reports(), layout=st.sampled_from(NAMES), seed=st.integers(0, 10**6),
       breaks=st.integers(1, 4), last_number=st.sampled_from([True, True, True, False]))
def test_page_furniture_leaves_every_cell_exact_or_null_and_blanks_no_row(report, layout, seed,
                                                                            breaks, last_number):
    """Without the last page's number a bare page number with no running header
    below it cannot be told from a cell: it may leave its row null, never wrong."""
    text = write(layout, report, seed=seed)
    paged, cut = paged_text(text, report, random.Random(seed), breaks=breaks,
                            last_number=last_number)
    parsed = parse_text(paged)
    assert wrong_cells(parsed, tables_of(report)) == []
    lost = {k for k in _read(parse_text(text)) - _read(parsed)
            if not touched(getattr(report, k[0])[k[1]], cut)}
    assert not last_number or sorted(lost) == []
    assert (parsed.agency, parsed.year, parsed.template) == \
        (report.agency, report.year, report.template)


# --------------------------------------------------------------------------------------
# each class, small


def _lines_of(layout: str, report, seed: int = 1) -> list[str]:
    return write(layout, report, seed=seed).split("\n")


def _index(lines: list[str], start: str, after: int = 0) -> int:
    return next(i for i, ln in enumerate(lines) if i >= after and ln.startswith(start))


def test_bare_page_numbers_between_single_cells_are_no_cells():
    """One cell per line: the page numbers `2` and `3` (the document numbers every
    page, the last one too) fall between a row's cells; they were read as cells."""
    report = distinct_report("2021", seed=3)
    lines = _lines_of("cell_per_line", report)
    at = _index(lines, "2. 重复申请") + 3
    lines[at:at] = ["2"]
    at = _index(lines, "规章") + 2
    lines[at:at] = ["1"]
    paged = "\n".join(lines + ["3"])
    parsed = parse_text(paged)
    assert parsed.applications == report.applications
    assert parsed.active == report.active


def test_bare_page_number_above_the_running_header_without_the_last_pages_number():
    """The copy ends before the last page's number (the numbering cannot be read
    back), but the bare `2` stands just above the next page's running header: a page
    number, not a cell between 2. 重复申请's cells or 规章's (the rows were left null;
    with small counts, where a cell too many is not seen, read shifted)."""
    report = distinct_report("2021", seed=3)
    lines = _lines_of("cell_per_line", report)
    for label in ("2. 重复申请", "规章"):
        at = _index(lines, label) + 3
        lines[at:at] = ["2", "", "政府信息公开工作年度报告"]
    parsed = parse_text("\n".join(lines))
    assert parsed.applications == report.applications
    assert parsed.active == report.active


def test_a_bare_number_is_no_page_number_unless_the_pages_are_numbered_so():
    """Guard: without the document's page numbering (no page number on its last
    line) a line holding one number stays a cell (one cell per line, as seed 001
    prints a row's last cell)."""
    report = distinct_report("2021", seed=3)
    lines = _lines_of("cell_per_line", report)
    at = _index(lines, "行政事业性收费") + 1
    lines[at] = lines[at].rstrip(" |")
    assert parse_text("\n".join(lines)).active == report.active


def test_running_header_and_page_number_between_a_label_and_its_numbers():
    """Word: 行政强制's numbers on the next page, after its number and the running
    header; the `2` was read as the row's cell."""
    report = distinct_report("2021", seed=3)
    lines = _lines_of("tab_exact", report)
    at = _index(lines, "行政强制")
    label, numbers = lines[at].split("\t", 1)
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    lines[at:at + 1] = [label, "2", "", "政府信息公开工作年度报告", "\t" + numbers]
    paged = "\n".join(lines + ["3"])
    assert parse_text(paged).active == report.active
    lines[at + 3] = title
    assert parse_text("\n".join(lines + ["3"])).active == report.active


def test_agency_alone_as_running_header_above_table_threes_repeated_header():
    """One cell per line: a row's cells go on after the page number, the agency
    printed as the page's header (the title's words before its year) and the whole
    column header repeated; the agency line kept the header from being taken for
    one, and the rows around were left null or shifted."""
    report = distinct_report("2021", seed=5, agency="青禾市人民政府")
    lines = _lines_of("cell_per_line", report)
    start = _index(lines, "申请人情况")
    head = lines[start:_index(lines, "其他 |", start) + 1]
    at = _index(lines, "1. 信访举报投诉类申请") + 5
    lines[at:at] = ["-4-", report.agency] + head
    parsed = parse_text("\n".join(lines + ["-5-"]))
    assert parsed.applications == report.applications


def test_table_three_header_repeated_on_the_next_page_partly():
    """One cell per line: the page breaks inside a row and the next page repeats the
    header's last lines (社会公益组织 … 其他 | |||||); 其他 and 总计 are also row
    words, and the row's cells were left null (or taken by the next row)."""
    report = distinct_report("2021", seed=3)
    lines = _lines_of("cell_per_line", report)
    head = _index(lines, "社会公益组织")
    repeat = lines[head:_index(lines, "其他", head) + 1]
    assert repeat[-1].startswith("其他 |") and len(repeat) == 3
    at = _index(lines, "（一）予以公开") + 4
    lines[at:at] = ["第1页", "", "政府信息公开工作年度报告"] + repeat
    parsed = parse_text("\n".join(lines))
    assert parsed.applications == report.applications


@pytest.mark.parametrize("number", ["- 1 -", "—1—", "第1页"])
def test_table_three_headers_last_line_alone_after_a_page_number(number):
    """The next page repeats only the header's last line ("其他 | |||||"), right under
    the page number: it is no label of the row the break split (the row was null)."""
    report = distinct_report("2021", seed=3)
    lines = _lines_of("cell_per_line", report)
    last = lines[_index(lines, "其他", _index(lines, "社会公益组织"))]
    assert last.startswith("其他 |")
    at = next(i for i, ln in enumerate(lines) if "无正当理由大量反复" in ln) + 4
    lines[at:at] = [number, last]
    parsed = parse_text("\n".join(lines))
    assert parsed.applications == report.applications


@pytest.mark.parametrize("number", ["1", "第 1 页 共 5 页", "第1页/共5页", "—1—"])
def test_page_number_between_the_titles_lines_is_no_part_of_the_agency(number):
    """PDF text: the agency on a page of its own (its page number below it), the next
    page's running header repeating it above the title's second line; the agency
    was read as `1白沙湾市…` or `…教育局第1页共5页…教育局`."""
    report = distinct_report("2021", seed=3)
    lines = _lines_of("pdf_text", report)
    assert lines[0] == report.agency
    lines[1:1] = [number, report.agency]
    parsed = parse_text("\n".join(lines))
    assert (parsed.agency, parsed.year) == (report.agency, report.year)


def test_letter_spaced_title_guard():
    """Guard (read before this change too): `2 0 2 3 年 政 府 信 息 …` under the agency."""
    report = distinct_report("2021", seed=3)
    text = write("spaces", report, seed=1)
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    spaced = report.agency + "\n" + " ".join(f"{report.year}年政府信息公开工作年度报告")
    parsed = parse_text(text.replace(title, spaced, 1))
    assert (parsed.agency, parsed.year, parsed.template) == (report.agency, 2023, "2021")


def test_the_empty_cell_opening_a_rows_numbers_below_its_label_is_the_label_column():
    """A page break between a row's label and its numbers, and the numbers' line
    lost a blank cell with its separators (``\\t16\\t3\\t3387…`` for 16|空|3|3387…):
    the line's opening empty cell is the label column, not a blank 自然人. Read as
    a blank, 16 went to 商业企业 (combo_probe paged_stray); now the row is one cell
    short and no number is placed in another column."""
    from layouts import Style

    report = distinct_report("2021", seed=5, agency="青禾市云岭区人民政府", year=2023)
    row = report.applications["withheld.process_info"]
    row["commercial"] = None
    text = write("tab_exact", report, seed=1, style=Style.plain())
    line = next(ln for ln in text.split("\n") if ln.startswith("6.属于四类过程性信息\t"))
    label, *cells = line.split("\t")
    paged = label + "\n— 4 —\n\n" + "\t" + "\t".join(c for c in cells if c)
    parsed = parse_text(text.replace(line, paged))
    assert wrong_cells(parsed, tables_of(report)) == []


@pytest.mark.parametrize("padding", [" " * 30, "\t" * 30])
def test_a_last_line_of_a_padded_bare_number_is_read_without_a_crash(padding):
    """The last line (a bare number padded past 24 characters: a sheet's far column, a
    centred page number) was taken for a page number and the lines looked at for the
    numbering (24 characters at most) held none: IndexError, the report unread."""
    text = f"某某区2023年政府信息公开工作年度报告\n一、总体情况\n本年度公开信息。\n{padding}5\n"
    report = parse_text(text)
    assert report.year == 2023
