"""Figures printed with letters for some digits (S 5, B 8, Z 2, g 9, b 6: a PDF's
text layer, bench/hunt4_probe.py lookalike_more): read as the digits they look like
only where the identities (or the prose) confirm the reading; else null, F-VALUE."""

from __future__ import annotations

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.api import check_report
from zfxxgk.parse import parse_text
from zfxxgk.parse.cells import split_line
from zfxxgk.parse.letter_cells import letter_figure

SEPS = {"tab_exact": "\t", "spaces": " | ", "pdf_text": "   "}


@pytest.mark.parametrize("text,value", [("1S4", 154), ("Z", 2), ("15b", 156), ("3g3", 393),
                                        ("lB", 18), ("B0O", 800), ("34丨", 341), ("|8", 18)])
def test_a_letter_figure_reads_as_the_digits_it_looks_like(text, value):
    assert letter_figure(text) == value


@pytest.mark.parametrize("text", ["Bb类", "2556.74B7", "-3S3", "SB12345678", "0S", "B类"])
def test_other_text_is_no_letter_figure(text):
    assert letter_figure(text) is None


def test_pdf_text_keeps_letter_figures_apart():
    """Two letter figures side by side in PDF text (``13Z   3g3``) are two cells, and a
    lone letter before the row's numbers is no word of its label."""
    cells = split_line("1.属于国家秘密   165   13Z   3g3   1Z11")
    assert [c.text for c in cells] == ["1.属于国家秘密", "165", "13Z", "3g3", "1Z11"]
    cells = split_line("2.重复申请   Z   316   334")
    assert [c.text for c in cells] == ["2.重复申请", "Z", "316", "334"]


def _with_letters(report, layout: str) -> str:
    """Table 三's 部分公开 row and table 二's first figure printed with letters."""
    lines = write("tab_exact", report, seed=1, style=Style.plain()).split("\n")
    at = next(k for k, ln in enumerate(lines) if ln.startswith("（二）部分公开"))
    cells = lines[at].split("\t")
    table = str.maketrans("5829", "SBZg")
    cells[1:] = [c.translate(table) for c in cells[1:]]
    lines[at] = "\t".join(cells)
    return "\n".join(lines).replace("\t", SEPS[layout])


@pytest.mark.parametrize("layout", list(SEPS))
def test_table_3_row_printed_with_letters_is_read_where_the_identities_confirm(layout):
    report = distinct_report("2021", seed=51)
    parsed = parse_text(_with_letters(report, layout))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications["partly_granted"] == report.applications["partly_granted"]
    lettered = [c for c, v in report.applications["partly_granted"].items()
                if set(str(v)) & set("5829")]
    code = f"applications.partly_granted.{lettered[0]}"
    assert parsed.provenance[code].decided_by and parsed.provenance[code].text != str(
        report.applications["partly_granted"][lettered[0]])
    kept = [f for f in check_report(parsed) if f.rule == "F-VALUE" and code in f.cells]
    assert kept and kept[0].severity == "warning" and "形近" in kept[0].message


def test_a_letter_figure_the_identities_deny_is_null():
    """B printed for a 5 (read 8: another number): the row's total denies it."""
    report = distinct_report("2021", seed=52)
    lines = write("tab_exact", report, seed=1, style=Style.plain()).split("\n")
    at = next(k for k, ln in enumerate(lines) if ln.startswith("（二）部分公开"))
    cells = lines[at].split("\t")
    cells[1] = "B" + cells[1][1:] if cells[1][0] != "8" else "Z" + cells[1][1:]
    lines[at] = "\t".join(cells)
    parsed = parse_text("\n".join(lines))
    assert parsed.applications["partly_granted"]["natural_person"] is None
    assert wrong_cells(parsed, tables_of(report)) == []
    found = [f for f in check_report(parsed) if "applications.partly_granted.natural_person" in f.cells]
    assert any(f.rule == "F-VALUE" and f.severity == "error" for f in found)



@pytest.mark.parametrize("layout", ["tab_exact", "spaces"])
def test_a_1_printed_as_a_bar_is_read_where_the_identities_confirm(layout):
    """A 1 of each figure of table 三 printed as a bar (34|, |8): the bar is no
    separator, and the figure read with 1 for it is kept as the identities confirm."""
    report = distinct_report("2021", seed=53)
    lines = write("tab_exact", report, seed=1, style=Style.plain()).split("\n")
    head = next(k for k, ln in enumerate(lines) if "\t自然人\t" in ln)
    end = next(k for k, ln in enumerate(lines) if k > head and ln.startswith("四、政府"))
    for k in range(head + 1, end):
        cells = lines[k].split("\t")
        lines[k] = "\t".join(cells[:1] + [c.replace("1", "|", 1) if len(c) > 1 else c
                                            for c in cells[1:]])
    parsed = parse_text("\n".join(lines).replace("\t", SEPS[layout]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications == report.applications
    barred = [f"applications.{r}.{c}" for r, cols in report.applications.items()
              for c, v in cols.items() if "1" in str(v) and v > 9]
    assert barred and all(parsed.provenance[code].decided_by for code in barred)
