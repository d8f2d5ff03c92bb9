"""Table 二's blocks printed turned, items across and column names down, as a Word
table turned (bench/hunt5_probe.py t2_transposed): read by their names where they
leave no doubt (parse/t2_turned.py), each cell's place the line that printed it."""

from __future__ import annotations

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text


def _turned(report, sep: str = "\t", edit=None) -> str:
    """tab_exact text with each table 二 block of two rows or more turned; `edit`:
    a function changing the turned block's lines (list of lists of cells)."""
    lines = write("tab_exact", report, seed=1, style=Style.plain()).split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i].startswith("信息内容\t"):
            j = i + 1
            while j < len(lines) and "\t" in lines[j] and not lines[j].startswith("信息内容"):
                j += 1
            grid = [ln.split("\t") for ln in lines[i:j]]
            if len(grid) >= 3:
                grid = [[row[c] for row in grid] for c in range(len(grid[0]))]
                if edit:
                    edit(grid)
            out += ["\t".join(r) for r in grid]
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out).replace("\t", sep)


@pytest.mark.parametrize("template,sep", [("2021", "\t"), ("2019", " | "), ("2021", "   "), ("2019", "   ")])
def test_turned_blocks_read_by_their_names(template, sep):
    report = distinct_report(template, seed=71, year=2023 if template == "2021" else 2020)
    text = _turned(report, sep)
    parsed = parse_text(text)
    assert parsed.active == report.active
    code = "active.normative_docs." + ("in_force" if template == "2021" else "public_total")
    line = text.split("\n")[parsed.provenance[code].line - 1]
    assert line.startswith("现行有效件数" if template == "2021" else "对外公开总数量")


def test_a_turned_block_naming_a_column_twice_is_not_turned():
    """Its names leave a doubt which figure is whose: the block is left as printed
    (lost), never read by place."""
    def twice(grid):
        if len(grid) == 4 and grid[2][0] != grid[1][0]:
            grid[2][0] = grid[1][0]
    report = distinct_report("2021", seed=72)
    parsed = parse_text(_turned(report, edit=twice))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.active["normative_docs"]["repealed"] is None
