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
from .flat_marks import dropped_readings, mark_readings
from .runs import total_last, totals_every_five
from .splits import MAX_RUN_CELL, OverBudget, joined_readings, readings

MAX_MISSING = 2


@dataclass(slots=True)
class Slot:
    """One cell of a candidate row: a printed cell, or unknown (a cell the source lacks,
    to be solved from identities)."""

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


class RowFit:
    """The candidate readings of one row (`how`: exact | window | spacer | missing |
    run | grid | misaligned). An exact row, the common case, keeps its printed cells
    (`printed`, the first at index `first` among its group's cells) and builds its
    one candidate of Slots only when asked: readers take its cells as they are."""

    __slots__ = ("_candidates", "how", "printed", "first", "total_fails", "joined", "marked",
                 "witnessed", "doubted", "merged")

    def __init__(self, candidates: list[list[Slot]] | None, how: str,
                 printed: list[Cell] | None = None, first: int = 0, total_fails: bool = False):
        self._candidates = candidates
        self.how = how
        self.printed = printed
        self.first = first
        # no reading of the printed digits adds up to the row's own total, while
        # readings without it exist: the table prints a total that disagrees
        self.total_fails = total_fails
        # an exact row of spaced numbers whose own total fails: the readings in which
        # a stray space split one number and a blank cell was lost (`joined_readings`)
        self.joined: list[list] = []
        # the cells of `joined` readings that differ only by a note mark flattened
        # into them (``21 1``, `flat_marks`): the row's other cells are as printed
        self.marked: tuple[int, ...] = ()
        # `joined` readings that only a figure of the prose may open (a row of
        # evenly spaced numbers with no identity: read as printed unless refuted)
        self.witnessed = False
        # why a `witnessed` row's printed reading is in doubt even where the prose
        # states nothing (`doubts.doubted_rows`): its `joined` readings stay open
        self.doubted: str | None = None
        # a row placed by its source columns (grid_rows.py): the columns it prints no
        # cell of its own in, each with why (merged from the row above, or across)
        self.merged: dict[int, str] | None = None

    @classmethod
    def exact(cls, cells: list[Cell], first: int) -> "RowFit":
        return cls(None, "exact", cells, first)

    @property
    def candidates(self) -> list[list[Slot]]:
        if self._candidates is None:
            self._candidates = [[Slot(c, False, None, i)
                                 for i, c in enumerate(self.printed, self.first)]]
        return self._candidates

    @property
    def settled(self) -> bool:
        if self.printed is not None:  # an exact row: nothing to choose, nothing unknown
            return True
        return len(self.candidates) == 1 and not any(s.unknown for s in self.candidates[0])


def fit_row(cells: list[Cell], stripped: list[Cell], width: int, glued: bool,
            check: RowCheck | None, columns: tuple[Column, ...] = (),
            stray_spaces: bool = False, lone_run: bool = True,
            lone_gaps: tuple[int, ...] = (), even: bool = False) -> RowFit:
    """The candidate readings of one row. `stray_spaces`: the row's numbers were
    separated by spaces, so a space may also sit inside one number; `lone_gaps`:
    where a single space parts two of them while the row's other spaces are wider
    (the likeliest stray spaces, told for a row with no identity); `even`: all its
    spaces single (any may be stray: the prose alone may say). `lone_run`: a
    single long number may be the row's cells run together (not for numbers that
    float to a label from another line: those are more likely what is left of a row)."""
    lead = 0
    while lead < len(cells) and cells[lead].kind == "empty":
        lead += 1
    if width == 1 and len(stripped) == 1:
        return _marked(stripped, lead, check) if not stray_spaces else RowFit.exact(stripped, lead)
    if (glued or (lone_run and len(cells) == 1 and _looks_glued(stripped, width))) and stripped:
        cands = _cut(stripped, width, check, columns, stray_spaces, lead, strict=False)
        if cands and not glued and check is None:
            # set off from its label, one number may be one cell beside blanks
            # printed as nothing (政府集中采购   100): no identity tells which
            cands += _missing(stripped, width, lead)
        elif cands and check is None:
            lost = _blank_lost(stripped, width, columns, stray_spaces, lead)
            if lost is None:
                return RowFit([], "misaligned")
            cands += lost
        if cands:
            return RowFit(cands, "run")
        fails = _total_fails(stripped, width, check, columns, stray_spaces, lead, strict=False)
        return RowFit([], "misaligned", total_fails=fails)
    if len(cells) == width:
        return _exact(cells, 0, check, stray_spaces, lone_gaps, even)
    if len(stripped) == width:
        return _exact(stripped, lead, check, stray_spaces, lone_gaps, even)
    if len(stripped) < width:
        # a blank first cell in a row padded on the right (Markdown, Word tables)
        right = list(cells)
        while len(right) > width and right[-1].kind == "empty":
            right.pop()
        if len(right) == width:
            return RowFit.exact(right, 0)
    recut = len(stripped) < width or stray_spaces
    cuts = _cut(stripped, width, check, columns, stray_spaces, lead) if recut else []
    fails = recut and not cuts and _total_fails(stripped, width, check, columns, stray_spaces, lead)
    if len(stripped) > width:
        if stray_spaces and not cuts:
            cuts = _rejoined(stripped, width, check, lead) + _unmarked(stripped, check, lead)
        windows = _windows(stripped, width, check, lead)
        if not windows and not cuts:
            spacer = _spacer(stripped, width, check, lead)
            if spacer:
                return RowFit(spacer, "spacer")
            return RowFit([], "misaligned", total_fails=fails)
        return RowFit(windows + cuts, "run" if cuts else "window")
    missing = width - len(stripped)
    if (missing > MAX_MISSING or not stripped) and not cuts:
        return RowFit([], "misaligned", total_fails=fails)
    candidates = _missing(stripped, width, lead) if missing <= MAX_MISSING and stripped else []
    return RowFit(candidates + cuts, "run" if cuts else "missing", total_fails=fails)


def _exact(cells: list[Cell], first: int, check, stray_spaces: bool,
           lone_gaps: tuple[int, ...], even: bool = False) -> RowFit:
    """A row printing one number per cell. Where the numbers were set off by spaces
    and the row's own total fails, the same text may be a number split by a stray
    space beside a blank cell lost with its separator: those readings go with the
    row, for the table's other rows to confirm or refute (`solve`). A row with no
    total has them only where a lone space among wider ones may be that stray space
    (规章      65   16 0: 65|16|0, or 160 and a blank): nothing refutes them but the
    prose, and the row is read only if it does. Evenly spaced, such a row has them
    all, opened only where a figure of the prose refutes the printed reading."""
    if not stray_spaces:
        return _marked(cells, first, check)
    fit = RowFit.exact(cells, first)
    if not all(c.kind == "number" and c.text.isdigit() for c in cells):
        return fit
    if check is None:
        if lone_gaps or even:
            fit.joined = joined_readings([c.text for c in cells], 0,
                                         lone_gaps or range(len(cells) - 1))
            fit.witnessed = not lone_gaps
        return fit
    group = _identity_width(check, len(cells))
    if group and not len(cells) % group and not check([c.value for c in cells]):
        fit.joined = joined_readings([c.text for c in cells], group,
                                     total=getattr(check, "total_index", None))
    return fit


def _marked(cells: list[Cell], first: int, check) -> RowFit:
    """A row of cells one a column, some printing a figure and a lone digit (``21 1``:
    a note mark flattened, or a stray space in 211): the reading its own total
    confirms first, the others beside it for the table's rows to refute."""
    found = mark_readings(cells, check)
    if found is None:
        return RowFit.exact(cells, first)
    primary, others, marked = found
    fit = RowFit.exact(primary, first)
    fit.joined, fit.marked = others, marked
    return fit


def _identity_width(check, width: int) -> int:
    """How many cells one of the row's own identities spans: the whole row for
    table 三's total (T3-3, last or where its header puts it), five for each of
    table 四's groups (T4-1); 0 for a check `joined_readings` does not know."""
    if check is total_last or hasattr(check, "total_index"):
        return width
    if check is totals_every_five:
        return 5
    return 0


def _total_fails(stripped: list[Cell], width: int, check, columns, stray_spaces: bool,
                 lead: int, strict: bool = True) -> bool:
    """The row's printed digits can be cut into its cells, only not so that they add
    up to its own total: the table prints a total that disagrees with its parts."""
    if check is None or not stripped:
        return False
    if strict and not all(c.kind == "number" and "," not in c.text for c in stripped):
        return False
    try:
        return bool(readings([c.text for c in stripped], width, None, columns, stray_spaces))
    except OverBudget:  # more cuts than are counted: some there are
        return True


def _windows(stripped: list[Cell], width: int, check: RowCheck | None, lead: int) -> list:
    """More cells than columns: residue of merged cells on either side. Where the row
    has its own total, a window is kept only when that total holds: one with a blank
    or dash cell cannot be checked, so it is no reading (the other window's failing
    does not make it one: the extra number may as well be a stray space's)."""
    windows = []
    for offset in (len(stripped) - width, 0):
        w = stripped[offset:offset + width]
        if all(w is not x for _, x in windows) and (check is None or _holds(check, w)):
            windows.append((offset, w))
    distinct: dict[tuple, list[Slot]] = {}
    for offset, w in windows:
        distinct.setdefault(tuple(c.value for c in w),
                            [Slot(c, index=lead + offset + i) for i, c in enumerate(w)])
    return list(distinct.values())


def _rejoined(stripped: list[Cell], width: int, check: RowCheck | None,
              lead: int) -> list[list[Slot]]:
    """One number more than columns in a row of spaced numbers with a mark among
    them (`999 999 0 —`): a stray space may have split one number (999999|0|—) as
    well as the extra number be residue the windows drop (999|999|0 or 999|0|—).
    Each join of two neighbouring plain numbers is a reading too, so a cell the
    readings disagree on is not read from the windows alone (a row with its own
    total keeps a join only where the total holds)."""
    if len(stripped) != width + 1:
        return []
    out = []
    for j in range(width):
        a, b = stripped[j], stripped[j + 1]
        piece = a.text + b.text
        if not (a.kind == b.kind == "number" and piece.isdigit() and piece[0] != "0"
                and len(piece) <= MAX_RUN_CELL):
            continue
        row = ([Slot(c, index=lead + i) for i, c in enumerate(stripped[:j])]
               + [Slot(a, text=piece, index=lead + j)]
               + [Slot(c, index=lead + j + 2 + i) for i, c in enumerate(stripped[j + 2:])])
        values = [slot.value for slot in row]
        if check is None or (None not in values and check(values)):
            out.append(row)
    return out


def _unmarked(stripped: list[Cell], check: RowCheck | None, lead: int) -> list[list[Slot]]:
    """One number more than columns in a row of spaced numbers, a lone digit after
    a figure (``21 1 5 0 …``): a note mark flattened into the text may be it, the
    row read without it (`flat_marks.dropped_readings`)."""
    values = [c.value for c in stripped]
    return [[Slot(c, index=lead + k) for k, c in enumerate(stripped) if k != i]
            for i in dropped_readings(values, len(stripped) - 1, check)]


def _spacer(stripped: list[Cell], width: int, check: RowCheck | None, lead: int) -> list:
    """More cells than columns, the extra ones empty cells among the figures: a web or
    Word table whose converter left a spacer column that runs through another place
    in each row. Without them the row is read only when its own total holds (with a
    blank there, nothing tells a spacer from a blank figure and a stray cell)."""
    kept = [(i, c) for i, c in enumerate(stripped) if c.kind != "empty"]
    if check is None or len(kept) != width or not _holds(check, [c for _, c in kept]):
        return []
    return [[Slot(c, index=lead + i) for i, c in kept]]


def _holds(check: RowCheck, cells: list[Cell]) -> bool:
    values = [c.value for c in cells]
    return None not in values and check(values)


def _missing(stripped: list[Cell], width: int, lead: int) -> list[list[Slot]]:
    """Fewer cells than columns: the cells the source lacks, at every place."""
    candidates = []
    for positions in combinations(range(width), width - len(stripped)):
        it = iter(enumerate(stripped))
        row = []
        for i in range(width):
            if i in positions:
                row.append(Slot(None, unknown=True))
            else:
                k, c = next(it)
                row.append(Slot(c, index=lead + k))
        candidates.append(row)
    return candidates


def _cut(stripped: list[Cell], width: int, check, columns, stray_spaces: bool,
         lead: int, strict: bool = True, budget: bool = False) -> list[list[Slot]]:
    """Readings of printed numbers whose separators were lost or doubled (`splits`).
    `strict`: every printed piece a plain number (a run glued to its label may
    also carry the signs and points of table 二's columns). `budget`: too many
    readings raise OverBudget rather than give none. With stray spaces a
    lone sign may be a number's, set off from its digits (``- 6 4`` for -64):
    without its readings, the windows alone could agree on a wrong cell."""
    if strict and not all(c.kind == "number" and "," not in c.text
                          or stray_spaces and c.text in _SIGNS for c in stripped):
        return []
    tokens = [c.text for c in stripped]
    try:
        found = readings(tokens, width, check, columns, stray_spaces)
    except OverBudget:
        if budget:  # the caller tells too many readings from none
            raise
        return []
    if not found:
        return []
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t)
    out = []
    for parts in found:
        row, pos, k = [], 0, 0
        for p in parts:
            while k + 1 < len(starts) and starts[k + 1] <= pos:
                k += 1
            row.append(Slot(stripped[k], text=p, index=lead + k))
            pos += len(p)
        out.append(row)
    return out


_SIGNS = ("-", "+")


def _blank_lost(stripped: list[Cell], width: int, columns, stray_spaces: bool,
                lead: int) -> list[list[Slot]] | None:
    """Readings of a run of digits in a row with no identity (table 二) in which
    blank cells, printed as nothing, went with the lost separators (``规章343``
    for 34 | blank | 3 as well as 3 | 4 | 3): the run alone cannot tell how many
    cells it holds, so these readings stand beside the full cuts and only the
    prose may choose. None where there are too many to count."""
    out: list[list[Slot]] = []
    for k in range(1, min(MAX_MISSING, width - 1) + 1):
        for blanks in combinations(range(width), k):
            kept = tuple(c for i, c in enumerate(columns) if i not in blanks)
            try:
                cuts = _cut(stripped, width - k, None, kept, stray_spaces, lead, strict=False,
                            budget=True)
            except OverBudget:
                return None
            for cut in cuts:
                it = iter(cut)
                out.append([Slot(None, unknown=True) if i in blanks else next(it)
                            for i in range(width)])
    return out


def _looks_glued(stripped: list[Cell], width: int) -> bool:
    return (width > 1 and len(stripped) == 1 and stripped[0].kind == "number"
            and stripped[0].text.isdigit() and len(stripped[0].text) >= width)


