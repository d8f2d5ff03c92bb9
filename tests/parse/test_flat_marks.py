"""A note mark raised after a figure in a PDF (21¹) comes down to the line when the
text is copied into a web page or Word table: the cell reads ``21 1``. It was read
as 211. The same text is a stray space in 211, so the identities choose, or the
cell stays null with both candidates (never 211 by default)."""

from __future__ import annotations

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text


def _text(report) -> list[str]:
    return write("tab_exact", report, seed=1, style=Style.plain()).split("\n")


def _with_cell(lines: list[str], label: str, col: int, fn) -> str:
    at = next(i for i, ln in enumerate(lines) if label in ln and "\t" in ln)
    cells = lines[at].split("\t")
    cells[col] = fn(cells[col])
    lines[at] = "\t".join(cells)
    return "\n".join(lines)


def test_a_flattened_note_mark_in_table_three_is_read_by_the_rows_total():
    report = distinct_report("2021", seed=4)
    want = report.applications["granted"]["commercial"]
    text = _with_cell(_text(report), "（一）予以公开", 2, lambda c: c + " 1")
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications["granted"]["commercial"] == want


def test_a_stray_space_in_table_three_is_still_read_where_the_total_says_so():
    report = distinct_report("2021", seed=4)
    want = report.applications["granted"]["research"]
    assert want >= 10
    text = _with_cell(_text(report), "（一）予以公开", 3, lambda c: c[:-1] + " " + c[-1])
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications["granted"]["research"] == want


def test_a_flattened_note_mark_in_table_two_is_null_with_both_candidates():
    """Table 二's 行政许可 has no identity: 335 2 may be 3352 or 335 with note 2."""
    report = distinct_report("2021", seed=4)
    want = report.active["licensing"]["decisions"]
    text = _with_cell(_text(report), "行政许可", 1, lambda c: c + " 2")
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.active["licensing"]["decisions"] is None
    found = [n for n in parsed.notes if "active.licensing.decisions" in n.cells]
    assert any(sorted(n.data.get("candidates", {}).get("active.licensing.decisions", []))
               == sorted([want, want * 10 + 2]) for n in found)


def test_a_lone_digit_after_a_figure_in_spaced_numbers_is_dropped_by_the_total():
    """PDF text: the mark is one more number in the row (``27 1 372 …``)."""
    report = distinct_report("2021", seed=4)
    lines = write("pdf_text", report, seed=1, style=Style.plain()).split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("一、本年新收") and " " in ln)
    label, first, *rest = lines[at].split(" ")
    lines[at] = " ".join([label, first, "1"] + rest)
    parsed = parse_text("\n".join(lines))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications["received"]["natural_person"] == int(first)
