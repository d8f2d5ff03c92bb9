"""A figure printed in letters that look like its digits: a PDF's figures font
whose ToUnicode map gives O for 0 and l for 1 (the page shows 10, the text layer
says lO), or a letter O typed for a zero. Such a cell is the number it shows; it
was text, and a row of them lost its cells or (a label-less row of table 四,
lO and l left out) read its other numbers one column off."""

from __future__ import annotations

import re

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import write
from strategies import distinct_report
from zfxxgk.parse import parse_text
from zfxxgk.parse.cells import classify


@pytest.mark.parametrize("raw,value", [("l", 1), ("O", 0), ("lO", 10), ("4ll9", 4119),
                                       ("2l", 21), ("773O.28", 7730.28)])
def test_lookalike_letters_are_the_digits_they_show(raw, value):
    cell = classify(raw)
    assert cell.kind == "number" and float(cell.value) == value


@pytest.mark.parametrize("raw", ["II", "I", "lo", "OK", "l.属于国家秘密", "无"])
def test_other_letters_stay_text(raw):
    assert classify(raw).kind != "number"


@pytest.mark.parametrize("layout", ["tab_exact", "spaces", "pdf_text"])
def test_a_report_in_a_lookalike_figures_font_reads_exactly(layout):
    report = distinct_report("2021", seed=5)
    lines = write(layout, report, seed=1).split("\n")
    shown = [re.sub(r"(?<![\d.])\d+(?![\d.])", lambda m: m[0].replace("0", "O").replace("1", "l"),
                    line) if len(re.findall(r"\d+", line)) >= 3 else line for line in lines]
    parsed = parse_text("\n".join(shown))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert tables_of(parsed) == tables_of(report)


@pytest.mark.parametrize("layout", ["tab_exact", "pdf_text", "spaces"])
def test_table_4_unreadable_first_figures_keep_their_columns(layout):
    """Table 四's label-less row whose first two figures are unreadable (Z Z 0 0 …
    5 0 0 0 0): they were left out and the thirteen numbers after them fitted to
    the fifteen columns, 结果维持 read 0 where the page shows 10. Each keeps its
    column now: those two null, the others read where they stand."""
    from samples import samples_dir
    from zfxxgk.model import report_from_json

    path = samples_dir() / "real-expected" / "hongze-district-2023.json"
    if not path.exists():
        pytest.skip("no shared samples")
    report = report_from_json(path.read_text("utf-8"))
    lines = write(layout, report, seed=1).split("\n")
    k = next(i for i, line in enumerate(lines) if len(re.findall(r"\d+", line)) >= 14
             and not re.search(r"[\u4e00-\u9fff]", line))
    lines[k] = re.sub(r"\d+", "Z", lines[k], count=2)
    parsed = parse_text("\n".join(lines))
    assert wrong_cells(parsed, tables_of(report)) == []
    review = parsed.review_litigation["review"]
    assert (review["upheld"], review["corrected"]) == (None, None)
    assert review["total"] == report.review_litigation["review"]["total"]
