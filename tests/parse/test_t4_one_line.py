"""Table 四 printed as one run on one line: its header words and fifteen numbers,
or each group's name before its five. The header was sought among short lines only
and the numbers under it, so the table was missing (bench/hunt_probe.py t4_one_line)."""

from __future__ import annotations

import re

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text

GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _one_line(report, shape: str, sep: str) -> str:
    text = write("tab_exact", report, seed=1, style=Style.plain())
    a, b = text.index("四、政府"), text.index("五、")
    lines = text[a:b].split("\n")
    numbers = next(ln for ln in lines if re.fullmatch(r"\d+(?:\t\d+){14}", ln)).split("\t")
    if shape == "groups":
        cells = [c for k, g in enumerate(GROUPS) for c in [g] + numbers[5 * k:5 * k + 5]]
    else:
        cells = (["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"] if shape == "all" else []) \
            + list(HEADS) * 3 + numbers
    return text[:a] + "\n".join(lines[:2] + [sep.join(cells), ""]) + text[b:]


@pytest.mark.parametrize("shape", ["all", "cells", "groups"])
@pytest.mark.parametrize("sep", ["\t", " ", " | "])
def test_table_four_on_one_line_is_read(shape, sep):
    report = distinct_report("2021", seed=3, agency="青禾市云岭区人民政府", year=2023)
    parsed = parse_text(_one_line(report, shape, sep))
    assert parsed.review_litigation == report.review_litigation
    assert wrong_cells(parsed, tables_of(report)) == []


def test_a_sentence_naming_reconsideration_with_its_figures_is_no_header():
    """The one-run line is told by its fifteen numbers and no sentence mark: prose
    that states figures keeps its commas and is not read as the table."""
    report = distinct_report("2021", seed=3, agency="青禾市云岭区人民政府", year=2023)
    text = write("tab_exact", report, seed=1, style=Style.plain())
    a, b = text.index("四、政府"), text.index("五、")
    prose = "本年度行政复议" + "，".join(f"{i}件" for i in range(1, 16)) + "。\n"
    parsed = parse_text(text[:a] + text[a:b].split("\n")[0] + "\n" + prose + text[b:])
    assert all(v is None for cells in parsed.review_litigation.values() for v in cells.values())
