"""Fitting printed cells to a row's columns, with the table's own identities.

Most rows print exactly their cells. The rest are resolved here and nowhere else:
merged-cell residue around the numbers, an extra cell (keep the window whose
row identity holds), a missing cell (its place and value from the identities),
and digits run together with no separator (``640020470`` -> 64|0|0|2|0|4|70).
When more than one reading fits, the cells stay null and the candidates are
reported; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Callable

import re
from functools import lru_cache

from ..standard.spec import Column
from .cells import Cell, to_number

UNKNOWN = object()  # a cell the source lacks, to be solved from identities
MAX_MISSING = 2
MAX_RUN_CELL = 9  # digits of one cell: counts below a billion


@dataclass(frozen=True)
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


def total_last(values: list) -> bool:
    """T3-3: the last cell is the sum of the others."""
    if any(v is None for v in values):
        return True
    return sum(values[:-1]) == values[-1]


def totals_every_five(values: list) -> bool:
    """T4-1: in each group of five, the fifth is the sum of the four before it."""
    for i in range(0, len(values) - 4, 5):
        part = values[i:i + 5]
        if any(v is None for v in part):
            continue
        if sum(part[:4]) != part[4]:
            return False
    return True


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


def split_run(run: str, width: int, check: RowCheck | None,
              columns: tuple[Column, ...] = ()) -> list[list[str]]:
    """Every way to cut `run` into `width` numbers (no leading zeros) for which
    the row's own identity holds. Table 二 has no identity: its runs are cut at
    every place a number can end, a sign only starting the signed 本年增/减 and a
    decimal point only inside money, and are ambiguous unless one cut remains."""
    if len(run) > MAX_RUN_CELL * width or len(run) < width:
        return []
    if check is totals_every_five and width % 5 == 0:
        return _split_groups(run, width // 5) if run.isdigit() else []
    if check is total_last:
        return _split_with_total(run, width) if run.isdigit() else []
    patterns = [_piece_pattern(columns[i] if i < len(columns) else None) for i in range(width)]
    out: list[list[str]] = []
    _compositions(run, patterns, [], out, limit=200)
    return out


@lru_cache(maxsize=64)
def _piece_pattern(col: Column | None) -> re.Pattern:
    sign = "[+-]?" if col is not None and col.signed else ""
    frac = r"(?:\.\d+)?" if col is not None and col.money else ""
    return re.compile(rf"{sign}(?:0|[1-9]\d*){frac}")


def _ok_piece(piece: str) -> bool:
    return piece == "0" or (piece != "" and piece[0] != "0")


def _compositions(run: str, patterns: list[re.Pattern], acc: list[str],
                  out: list[list[str]], limit: int) -> None:
    if len(out) >= limit:
        return
    pattern = patterns[len(acc)]
    if len(acc) == len(patterns) - 1:
        if pattern.fullmatch(run):
            out.append(acc + [run])
        return
    left = len(patterns) - len(acc) - 1
    for k in range(1, len(run) - left + 1):
        piece = run[:k]
        if pattern.fullmatch(piece):
            _compositions(run[k:], patterns, acc + [piece], out, limit)


SPLIT_BUDGET = 200_000  # partial splits tried before a run is declared unreadable


class _Budget(Exception):
    pass


def _split_with_total(run: str, width: int) -> list[list[str]]:
    """Parts 1..width-1 are free, the last must print their sum. The total is a
    suffix of the run, so each possible total is tried and the rest is cut into
    parts that add up to it: a part never exceeds what is left of the sum, and the
    remaining parts can hold only so many digits. Past `SPLIT_BUDGET` steps (a
    hostile run) the run is given up as unreadable rather than guessed."""
    out: list[list[str]] = []
    steps = 0
    parts_before = width - 1

    def walk(rest: str, acc: list[str], remaining: int) -> None:
        nonlocal steps
        steps += 1
        if steps > SPLIT_BUDGET:
            raise _Budget
        left = parts_before - len(acc)
        if left == 1:
            if _ok_piece(rest) and int(rest) == remaining:
                out.append(acc + [rest])
            return
        if len(rest) > left * len(str(remaining)):
            return  # even the widest parts could not use up these digits
        for k in range(1, len(rest) - left + 2):
            piece = rest[:k]
            if not _ok_piece(piece):
                break
            value = int(piece)
            if value > remaining:
                break
            walk(rest[k:], acc + [piece], remaining - value)

    try:
        for size in range(1, min(MAX_RUN_CELL, len(run) - parts_before) + 1):
            total = run[-size:]
            if not _ok_piece(total):
                continue
            before = len(out)
            walk(run[:-size], [], int(total))
            for parts in out[before:]:
                parts.append(total)
    except _Budget:
        return []
    return out


def _split_groups(run: str, groups: int) -> list[list[str]]:
    out: list[list[str]] = []

    def walk(rest: str, acc: list[str], left: int) -> None:
        if left == 0:
            if not rest:
                out.append(acc)
            return
        for k in range(5, min(len(rest), 5 * MAX_RUN_CELL) + 1):
            for parts in _split_with_total(rest[:k], 5):
                walk(rest[k:], acc + parts, left - 1)

    walk(run, [], groups)
    return out


# --- solving across rows ---------------------------------------------------

Cell2 = tuple[str, int]  # (row code, column index)


@dataclass(frozen=True)
class Equation:
    """sum(plus) == sum(minus), e.g. T3-1 received+carried_in == total+carried_forward."""

    rule: str
    plus: tuple[Cell2, ...]
    minus: tuple[Cell2, ...]


@dataclass
class Resolution:
    values: dict[str, list]  # row -> values (None where unresolved)
    inferred: dict[Cell2, tuple[object, str]]  # cell -> (value, rule)
    ambiguous: dict[Cell2, list]  # cell -> candidate values
    chosen: dict[str, list[Slot]]  # row -> the slots read


MAX_COMBOS = 20000


def resolve(fits: dict[str, RowFit], equations: list[Equation]) -> Resolution:
    """Choose, for every unsettled row, the candidate that satisfies the most
    identities; agree-or-null per cell when several tie."""
    fixed: dict[str, list] = {}
    chosen: dict[str, list[Slot]] = {}
    open_rows = []
    for row, fit in fits.items():
        if fit.settled:
            fixed[row] = [s.value for s in fit.candidates[0]]
            chosen[row] = fit.candidates[0]
        elif fit.candidates:
            open_rows.append(row)
    res = Resolution(dict(fixed), {}, {}, chosen)
    if not open_rows:
        return res
    pruned = _prune({r: fits[r].candidates for r in open_rows}, fixed, equations)
    if pruned is not None:
        fits = dict(fits)
        for row, cands in pruned.items():
            fits[row] = RowFit(cands, fits[row].how)
    combos = 1
    for row in open_rows:
        combos *= len(fits[row].candidates)
    groups = [open_rows] if combos <= MAX_COMBOS else [[r] for r in open_rows]
    for group in groups:
        _resolve_group(group, fits, equations, res)
    return res


MAX_SUMS = 50000


def _prune(cands: dict[str, list[list[Slot]]], fixed: dict[str, list],
           equations: list[Equation]) -> dict[str, list[list[Slot]]] | None:
    """Drop the candidates of a row that no choice among the other open rows can
    complete to a true column identity (T3-1, T3-2). Rows with a missing cell take
    part only once settled. Returns None when the identities cannot all hold (a
    table published with broken totals): then nothing is pruned."""
    live = {r: list(c) for r, c in cands.items()}
    changed = True
    while changed:
        changed = False
        for eq in equations:
            terms: dict[str, list[tuple[int, int]]] = {}
            target = 0
            usable = True
            for sign, cells in ((1, eq.plus), (-1, eq.minus)):
                for row, col in cells:
                    if row in live:
                        terms.setdefault(row, []).append((col, sign))
                    elif row in fixed and col < len(fixed[row]) and fixed[row][col] is not None:
                        target -= sign * fixed[row][col]
                    else:
                        usable = False
            if not usable or not terms:
                continue
            contrib = {r: [_contribution(c, terms[r]) for c in live[r]] for r in terms}
            if any(v is None for vs in contrib.values() for v in vs):
                continue
            for row in terms:
                others = [r for r in terms if r != row]
                sums = _sums([set(contrib[r]) for r in others])
                if sums is None:
                    continue
                keep = [c for c, v in zip(live[row], contrib[row]) if target - v in sums]
                if not keep:
                    return None
                if len(keep) < len(live[row]):
                    live[row] = keep
                    contrib[row] = [_contribution(c, terms[row]) for c in keep]
                    changed = True
    return live


def _contribution(slots: list[Slot], terms: list[tuple[int, int]]):
    total = 0
    for col, sign in terms:
        if col >= len(slots) or slots[col].unknown:
            return None
        v = slots[col].value
        if v is None:
            return None
        total += sign * v
    return total


def _sums(sets: list[set]) -> set | None:
    acc = {0}
    for s in sets:
        acc = {a + b for a in acc for b in s}
        if len(acc) > MAX_SUMS:
            return None
    return acc


def _resolve_group(rows: list[str], fits: dict[str, RowFit], equations: list[Equation],
                   res: Resolution) -> None:
    relevant = [eq for eq in equations if any(c[0] in rows for c in eq.plus + eq.minus)]
    scored: list[tuple[int, dict[str, list], dict[Cell2, object]]] = []
    for pick in _product([fits[r].candidates for r in rows]):
        grid = {r: list(v) for r, v in res.values.items()}
        unknown: set[Cell2] = set()
        for r, slots in zip(rows, pick):
            grid[r] = [s.value for s in slots]
            unknown |= {(r, i) for i, s in enumerate(slots) if s.unknown}
        solved = _propagate(grid, unknown, relevant)
        if solved is None:
            continue
        score = sum(_holds(grid, eq) for eq in relevant)
        scored.append((score, {r: grid[r] for r in rows}, solved))
    if not scored:
        return
    best = max(s for s, _, _ in scored)
    winners = [w for w in scored if w[0] == best]
    first_solved = winners[0][2]
    for r in rows:
        width = len(winners[0][1][r])
        values = []
        for i in range(width):
            seen = []
            for _, grid, _ in winners:
                v = grid[r][i]
                if v not in seen:
                    seen.append(v)
            if len(seen) == 1 and seen[0] is not None:
                values.append(seen[0])
                # one note per cell the source lacks, named after the first reading
                if (r, i) in first_solved:
                    res.inferred[(r, i)] = (seen[0], first_solved[(r, i)])
            else:
                values.append(None)
                res.ambiguous[(r, i)] = [v for v in seen if v is not None]
        res.values[r] = values
        res.chosen[r] = _slots_of(winners[0], r, fits)


def _slots_of(winner, row: str, fits: dict[str, RowFit]) -> list[Slot]:
    values = winner[1][row]
    for cand in fits[row].candidates:
        if all(s.unknown or s.value == v for s, v in zip(cand, values)):
            return cand
    return fits[row].candidates[0]


def _product(lists: list[list]):
    if not lists:
        yield []
        return
    head, *tail = lists
    for item in head:
        for rest in _product(tail):
            yield [item] + rest


def _propagate(grid: dict[str, list], unknown: set[Cell2], eqs: list[Equation]):
    """Solve unknown cells one identity at a time. Returns {cell: rule} of the
    solved cells, or None when a solution is impossible (negative count)."""
    solved: dict[Cell2, str] = {}
    pending = set(unknown)
    progress = True
    while pending and progress:
        progress = False
        for eq in eqs:
            cells = eq.plus + eq.minus
            open_cells = [c for c in cells if c in pending]
            if len(open_cells) != 1:
                continue
            if any(_get(grid, c) is None for c in cells if c not in pending):
                continue
            target = open_cells[0]
            plus = sum(_get(grid, c) for c in eq.plus if c != target)
            minus = sum(_get(grid, c) for c in eq.minus if c != target)
            value = minus - plus if target in eq.plus else plus - minus
            if value < 0 or (isinstance(value, Decimal) and value != value.to_integral()):
                return None
            grid[target[0]][target[1]] = value
            solved[target] = eq.rule
            pending.discard(target)
            progress = True
    return solved


def _get(grid: dict[str, list], cell: Cell2):
    row = grid.get(cell[0])
    if row is None or cell[1] >= len(row):
        return None
    return row[cell[1]]


def _holds(grid: dict[str, list], eq: Equation) -> int:
    values = [_get(grid, c) for c in eq.plus + eq.minus]
    if any(v is None for v in values):
        return 0
    return 1 if sum(values[: len(eq.plus)]) == sum(values[len(eq.plus):]) else -1
