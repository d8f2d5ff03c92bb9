"""Fitting printed cells to a row's columns, with the table's own identities.

Most rows print exactly their cells. The rest are resolved here and nowhere else:
merged-cell residue around the numbers, an extra cell (keep the window whose
row identity holds), a missing cell (its place and value from the identities),
and digits run together with no separator (``640020470`` -> 64|0|0|2|0|4|70).
When more than one reading fits, the cells stay null and the candidates are
reported (`solve`); nothing is guessed. Cutting runs of digits lives in `runs`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Callable

from ..standard.spec import Column
from .cells import Cell, to_number
from .runs import split_run

UNKNOWN = object()  # a cell the source lacks, to be solved from identities
MAX_MISSING = 2


@dataclass(slots=True)
class Slot:
    """One cell of a candidate row: printed cell, or UNKNOWN."""

    cell: Cell | None  # None with unknown=True
    unknown: bool = False
    text: str | None = None  # the printed piece for digits split out of a run
    index: int | None = None  # position among the group's printed cells

    @property
    def value(self):
        if self.unknown or self.cell is None:
            return None
        if self.text is not None:
            return to_number(self.text)
        return self.cell.value


RowCheck = Callable[[list], bool]  # values -> does the row's own identity hold


@dataclass
class RowFit:
    candidates: list[list[Slot]]
    how: str  # exact | window | missing | run | misaligned

    @property
    def settled(self) -> bool:
        return len(self.candidates) == 1 and not any(s.unknown for s in self.candidates[0])


def fit_row(cells: list[Cell], stripped: list[Cell], width: int, glued: bool,
            check: RowCheck | None, columns: tuple[Column, ...] = ()) -> RowFit:
    lead = 0
    while lead < len(cells) and cells[lead].kind == "empty":
        lead += 1

    def plain(cs: list[Cell], offset: int) -> list[Slot]:
        return [Slot(c, index=offset + i) for i, c in enumerate(cs)]

    if width == 1 and len(stripped) == 1:
        return RowFit([plain(stripped, lead)], "exact")
    if (glued or (len(cells) == 1 and _looks_glued(stripped, width))) and stripped:
        run = stripped[0].text
        splits = split_run(run, width, check, columns)
        if not splits:
            return RowFit([], "misaligned")
        return RowFit([[Slot(stripped[0], text=p, index=lead) for p in parts] for parts in splits],
                      "run")
    if len(cells) == width:
        return RowFit([plain(cells, 0)], "exact")
    if len(stripped) == width:
        return RowFit([plain(stripped, lead)], "exact")
    if len(stripped) < width:
        # a blank first cell in a row padded on the right (Markdown, Word tables)
        right = list(cells)
        while len(right) > width and right[-1].kind == "empty":
            right.pop()
        if len(right) == width:
            return RowFit([plain(right, 0)], "exact")
    if len(stripped) > width:
        windows = []
        for offset in (len(stripped) - width, 0):
            w = stripped[offset:offset + width]
            if all(w is not x for _, x in windows) and (check is None or check([c.value for c in w])):
                windows.append((offset, w))
        if not windows:
            return RowFit([], "misaligned")
        distinct: dict[tuple, list[Slot]] = {}
        for offset, w in windows:
            distinct.setdefault(tuple(_v(c) for c in w), plain(w, lead + offset))
        return RowFit(list(distinct.values()), "window")
    missing = width - len(stripped)
    if missing > MAX_MISSING or not stripped:
        return RowFit([], "misaligned")
    candidates = []
    for positions in combinations(range(width), missing):
        it = iter(enumerate(stripped))
        row = []
        for i in range(width):
            if i in positions:
                row.append(Slot(None, unknown=True))
            else:
                k, c = next(it)
                row.append(Slot(c, index=lead + k))
        candidates.append(row)
    return RowFit(candidates, "missing")


def _v(cell: Cell):
    return cell.value


def _looks_glued(stripped: list[Cell], width: int) -> bool:
    return (width > 1 and len(stripped) == 1 and stripped[0].kind == "number"
            and stripped[0].text.isdigit() and len(stripped[0].text) >= width)


