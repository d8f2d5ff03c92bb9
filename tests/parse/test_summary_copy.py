"""A government's report printing each table twice: the area's summary (全区汇总)
and its own (本级, 本机关). The body's own copy is read, whichever comes first, and
the summary's rows never fill the rows the body's copy lacks."""

from __future__ import annotations

import pytest

from exact_cells import filled_cells, tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report

from zfxxgk.parse import parse_text

HEADS = ("二、主动公开", "三、收到和处理", "四、政府信息公开行政复议", "五、存在")


def _tables(text: str) -> list[tuple[int, int]]:
    """(first, last + 1) line index of each table part's rows (tab lines)."""
    lines = text.split("\n")
    starts = [next(i for i, ln in enumerate(lines) if ln.startswith(h)) for h in HEADS]
    out = []
    for a, b in zip(starts, starts[1:]):
        rows = [i for i in range(a, b) if "\t" in lines[i] or lines[i].startswith("第二十条")]
        out.append((rows[0], rows[-1] + 1))
    return out


def _two_copies(own_first: bool, drop_row: str | None = None, said: str = "") -> tuple:
    report = distinct_report("2021", seed=4, agency="青禾市云岭区人民政府", year=2023)
    area = distinct_report("2021", seed=40, agency="青禾市云岭区人民政府", year=2023)
    text = write("tab_exact", report, seed=4, style=Style.plain())
    other = write("tab_exact", area, seed=4, style=Style.plain()).split("\n")
    lines = text.split("\n")
    for (a, b), (c, d) in reversed(list(zip(_tables(text), _tables("\n".join(other))))):
        own = [ln for ln in lines[a:b] if drop_row is None or not ln.startswith(drop_row)]
        summary = other[c:d]
        copies = (["（一）本级情况"] + own + ["（二）全区汇总情况"] + summary if own_first
                  else ["（一）全区汇总情况"] + summary + ["（二）本机关情况"] + own)
        lines[a:b] = copies
    text = "\n".join(lines)
    return report, parse_text(text.replace("一、总体情况", f"一、总体情况\n{said}", 1) if said else text)


@pytest.mark.parametrize("own_first", [False, True])
def test_the_bodys_own_copy_is_read(own_first):
    report, read = _two_copies(own_first)
    assert wrong_cells(read, tables_of(report)) == []
    assert filled_cells(read) == filled_cells(report)


@pytest.mark.parametrize("own_first", [False, True])
def test_the_scope_is_the_copy_read(own_first):
    """Part 一 speaking of the area's 汇总 made the scope `region` over the 本级
    figures read: statistics would count the body's own work as its area's."""
    report, _ = _two_copies(own_first)
    text = write("tab_exact", report, seed=4, style=Style.plain())
    said = text.replace("一、总体情况", "一、总体情况\n本报告汇总全区各部门情况。", 1)
    assert parse_text(said).scope == "region"  # one copy: the words decide
    _, read = _two_copies(own_first, said="本报告汇总全区各部门情况。")
    assert read.scope == "agency"


def test_the_summary_fills_no_row_the_bodys_copy_lacks():
    report, read = _two_copies(True, drop_row="2.其他法律行政法规禁止公开")
    assert wrong_cells(read, tables_of(report)) == []  # (null, or solved by the identities)
