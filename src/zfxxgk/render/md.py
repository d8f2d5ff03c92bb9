"""Markdown: the report as a text document with pipe tables.

Markdown has no merged cells, so a merged header is written once, in its first
position, and the positions it covers stay empty — the same shape text takes when
copied out of a web page or a Word table, which is what the parser reads. Row
labels spread over several columns (三、本年度办理结果 › （三）不予公开 › 1.…) are
joined into one label cell, so an empty slot in a row is always a blank value. Tables
always carry both borders (``| … |``): that is how the parser tells a table row
from prose. Blank cells stay empty; numbers are printed as given.
"""

from __future__ import annotations

from .layout import Grid, Layout


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def md_rows(grid: Grid) -> list[list[str]]:
    """The rows as strings, each merged cell at its first position only, with the
    columns of the row labels (table 三: 3; 二: 1; 四: 0) joined into one cell
    (``（三）不予公开 1.属于国家秘密``): a label merged over two columns and a blank
    value cell would otherwise both be empty slots, and a reader could not tell them apart."""
    rows = [[""] * grid.ncols for _ in grid.rows]
    for r, c, cell in grid.placed():
        rows[r][c] = cell.text
    n = min((c for _, c, cell in grid.placed() if cell.code), default=0)
    return [([" ".join(x for x in row[:n] if x)] if n else []) + row[n:] for row in rows]


def _table(grid: Grid) -> list[str]:
    rows = md_rows(grid)
    lines = ["| " + " | ".join(_escape(x) for x in rows[0]) + " |",
             "|" + "|".join(["---"] * len(rows[0])) + "|"]
    lines += ["| " + " | ".join(_escape(x) for x in row) + " |" for row in rows[1:]]
    return lines


def render_markdown(layout: Layout) -> str:
    lines = [f"# {layout.title}", "", layout.preface, ""]
    for part in layout.parts:
        lines += [f"## {part.heading}", ""]
        for p in part.before:
            lines += [p, ""]
        if part.grid:
            lines += _table(part.grid) + [""]
        for p in part.paragraphs:
            lines += [p, ""]
    if layout.signature:
        lines += [f"{s}  " for s in layout.signature[:-1]] + [layout.signature[-1], ""]
    return "\n".join(lines)
