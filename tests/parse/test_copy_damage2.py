"""Damage of copy and conversion, tenth pass (bench/hunt3_probe.py): headers cut
mid-word and reordered, tables pasted twice (a draft and the final one)."""

from __future__ import annotations

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text
from zfxxgk.parse.cut_header import AMBIGUOUS, joined_names


def _lines(report) -> list[str]:
    return write("tab_exact", report, seed=1, style=Style.plain()).split("\n")


def _cut(line: str, parts: int) -> list[str]:
    """A header line wrapped over `parts` lines, each name cut mid-word, the first
    cell (the row labels') whole on the top line."""
    cells = line.split("\t")
    out = [[cells[0]] + [""] * (parts - 1)]
    for c in cells[1:]:
        step = -(-len(c) // parts)
        out.append([c[k * step:(k + 1) * step] for k in range(parts)])
    return ["\t".join(col[k] for col in out) for k in range(parts)]


def _moved(lines: list[str], i: int, j: int, order: list[int]) -> None:
    """Columns 1.. of lines[i:j] (a header and its rows) in `order`."""
    for k in range(i, j):
        cells = lines[k].split("\t")
        if len(cells) == len(order) + 1:
            lines[k] = "\t".join([cells[0]] + [cells[1 + m] for m in order])


@pytest.mark.parametrize("parts", [2, 3])
@pytest.mark.parametrize("sep", ["\t", "   "])
def test_table_3_header_cut_and_reordered_is_read_by_its_joined_names(parts, sep):
    """自然 / 人 … with 总计 first and the kinds moved: no line named a kind, so the
    form's order was taken, every number in another column (wrong)."""
    report = distinct_report("2021", seed=41)
    lines = _lines(report)
    i = next(k for k, ln in enumerate(lines) if "自然人" in ln)
    j = next(k for k, ln in enumerate(lines) if ln.startswith("四、政府"))
    _moved(lines, i, j, [6, 2, 0, 1, 4, 3, 5])
    text = "\n".join(lines[:i] + _cut(lines[i], parts) + lines[i + 1:]).replace("\t", sep)
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications == report.applications


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_table_2_header_cut_and_reordered_is_read_by_its_joined_names(template):
    """本年废 / 止件数 before 本年制 / 发件数: read in the form's order (wrong)."""
    report = distinct_report(template, seed=42)
    lines = _lines(report)
    i = next(k for k, ln in enumerate(lines) if ln.startswith("信息内容\t") and ln.count("\t") == 3)
    _moved(lines, i, i + 3, [2, 0, 1])
    parsed = parse_text("\n".join(lines[:i] + _cut(lines[i], 2) + lines[i + 1:]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.active == report.active


def test_joined_names_need_one_joining():
    """Pieces whose joinings disagree say no order; whole names one a line are no cut."""
    words = {"甲乙": 1, "丙丁": 2, "甲": 3, "丙乙": 4, "丙": 5}
    assert joined_names(["x\t甲\t丙", "\t乙\t丁"], words) == (1, 2)
    assert joined_names(["甲   丙", "乙"], words) == AMBIGUOUS  # 甲乙 | 丙, or 甲 | 丙乙
    assert joined_names(["甲乙 |", "丙丁 |"], words) is None  # one cell per line
    assert joined_names(["本年度收到如下表。", "甲\t丙"], words) is None
