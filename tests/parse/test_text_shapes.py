"""Table text shapes of scraped reports that the layouts of tests/layouts do not
print (bench/text_shapes_probe.py counts them on random reports): each is read
exactly, or a cell is left null with its finding, never another number."""

from __future__ import annotations

import random

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text


def _rewrite(text: str, fn) -> str:
    """Each tab-separated line of `text` (the tables of tab_exact) through `fn`."""
    out = []
    for line in text.split("\n"):
        out += fn(line) if "\t" in line else [line]
    return "\n".join(out)


def _lost(parsed, report) -> list[str]:
    return [f"{t}.{r}.{c}" for t, rows in tables_of(report).items() for r, cols in rows.items()
            for c, v in cols.items() if v is not None and getattr(parsed, t)[r][c] is None]


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("drawn", ["│{}│", "┃{}┃", "{}", "｜{}｜"])
def test_tables_drawn_with_box_characters_read_as_pipes(template, drawn):
    report = distinct_report(template, seed=4)
    text = write("tab_exact", report, seed=2, style=Style.plain())
    bar = "┃" if "┃" in drawn else "｜" if "｜" in drawn else "│"
    rule = "├────┼────┼────┤" if bar == "│" else "━━━━━━━━━━━"

    def draw(line: str) -> list[str]:
        return [rule, drawn.format(bar.join(line.split("\t")))]

    parsed = parse_text(_rewrite(text, draw))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []
    assert (parsed.agency, parsed.year, parsed.template) == (report.agency, report.year, template)
