"""Choosing among the readings of rows that the printed cells leave open (a
missing cell, digits run together, an extra cell), with the identities that bind
the table's rows and columns. A choice is made only where the identities make it;
cells that still differ between the best readings stay null, with candidates."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product
from typing import Callable

from .fit import RowFit, Slot
from .prune import prune

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
    chosen: dict[str, list[Slot]]  # row -> the slots read (exact rows: their printed cells)
    decided: dict[str, str] = field(default_factory=dict)  # row -> what chose its reading
    readings: dict[str, list[list]] = field(default_factory=dict)  # row -> readings left open


PROSE = "正文"  # decided_by of a reading chosen by a figure the report's own prose states
PREVIOUS = "上年报告"  # ... by last year's 结转下年度 (X-1: this year's 上年结转)


MAX_COMBOS = 20000


def resolve(fits: dict[str, RowFit], equations: list[Equation],
            hints: Callable[[], dict[Cell2, tuple[object, str]]] | None = None) -> Resolution:
    """Choose, for every unsettled row, the candidate that satisfies the most
    identities; among readings that tie, a figure the report's prose states
    (`hints()`, read only when a tie needs it) may choose; agree-or-null per cell
    when several still tie."""
    fixed: dict[str, list] = {}
    chosen: dict[str, list[Slot]] = {}
    open_rows = []
    for row, fit in fits.items():
        if fit.printed is not None:  # an exact row
            fixed[row] = [c.value for c in fit.printed]
        elif fit.settled:
            fixed[row] = [s.value for s in fit.candidates[0]]
            chosen[row] = fit.candidates[0]
        elif fit.candidates:
            open_rows.append(row)
    told: dict[str, tuple[list, str]] = {}
    unconfirmed = _unconfirmed_printed(fits, fixed, equations, hints or dict, told)
    res = Resolution(dict(fixed), {}, {}, chosen)
    for row, (values, source) in told.items():
        res.decided[row] = source
        for i, v in enumerate(values):
            if v != fits[row].printed[i].value:
                res.inferred[(row, i)] = (v, source)
    for row, (readings, confirmed) in unconfirmed.items():
        _leave_open(res, row, readings, confirmed | _held_within(row, readings, equations))
    broken = bool(unconfirmed) or any(fit.total_fails for fit in fits.values())
    runs = {row for row, fit in fits.items() if fit.how == "run"}
    if not open_rows:
        return _doubt_readings(res, equations, broken, runs)
    pruned = prune({r: fits[r].candidates for r in open_rows}, fixed, equations)
    if pruned is not None:
        fits = dict(fits)
        for row, cands in pruned.items():
            fits[row] = RowFit(cands, fits[row].how)
    combos = 1
    for row in open_rows:
        combos *= len(fits[row].candidates)
    groups = [open_rows] if combos <= MAX_COMBOS else [[r] for r in open_rows]
    for group in groups:
        _resolve_group(group, fits, equations, res, hints or dict)
    res = _doubt_readings(res, equations, broken, runs)
    if _printed_refuting(res, unconfirmed, equations):
        # the rows read since may refute what the printed rows could not
        res = _doubt_readings(res, equations, broken, runs)
    return res


def _lossy(slots: list[Slot]) -> bool:
    """A reading that cuts fewer printed numbers than the row has cells (digits run
    together, no cell missing): a blank printed as nothing may have gone with the
    lost separators, which the row's own total cannot tell (a blank total checks
    nothing, a blank part leaves room), and a cut of the rest adds up by accident
    in about one such run in eight (6|0|0|33 printed ``600033`` read as 6|0|0|0|3|3,
    3 its total); so does a run whose printed total is wrong, in about one in
    thirty (bench/combo_probe.py, blank_probe.py)."""
    if any(s.unknown for s in slots) or all(s.text is None for s in slots):
        return False
    # one digit a cell: the only cut, which a wrong total or a lost blank would fail
    if all(s.text is not None and len(s.text) == 1 for s in slots):
        return False
    return len({id(s.cell) for s in slots}) < len(slots)


def _doubt_readings(res: Resolution, equations: list[Equation], broken: bool,
                    runs: set[str] = frozenset()) -> Resolution:
    """Rows read from damaged text (digits cut, a number dropped or added) are
    checked against the identities once every row is read. A reading may satisfy
    its own total by accident (a published total that disagrees with its parts), so
    a damaged row in an identity that fails is not read: its cells stay null with
    the reading as their candidate. Exact rows are what was printed and stay.
    Where the table's totals are known to disagree (`broken`: a damaged row's
    digits cut into its cells never add up to its own total; or an identity of
    printed rows fails), a damaged row is read only when the other rows confirm
    every cell of its reading (`_confirmed_across`). Elsewhere a row of `runs`
    whose reading cuts fewer printed numbers than it has cells (`_lossy`) is read
    only when they confirm all its cells but one, or a figure outside the table
    chose it: its own total is no witness where a blank may have been lost."""
    read = res.chosen.keys()
    if not read:
        return res
    doubted: set[str] = set()
    for eq in equations:
        if _holds(res.values, eq) == -1:
            rows = {c[0] for c in eq.plus + eq.minus}
            doubted |= rows & read
            broken = broken or not rows & read
    if broken:  # nor is a cell the identities solved: they may be the broken ones
        solved = {row for row, _ in res.inferred}
        doubted |= {row for row in read
                    if row in solved or not _confirmed_across(res.values, equations, row)}
    else:  # a run that may hide a lost blank is read only as the other rows confirm it,
        # or as a figure of the prose or of last year's report chose it
        doubted |= {row for row in read & runs if _lossy(res.chosen[row])
                    and not _told(res.decided.get(row, ""))
                    and not _nearly_confirmed(res.values, equations, row)}
    for row in doubted:
        values = res.values[row]
        if all(v is None for v in values):
            continue
        for i, v in enumerate(values):
            if v is not None:
                res.ambiguous[(row, i)] = [v]
            res.inferred.pop((row, i), None)
        res.readings.setdefault(row, [list(values)])
        res.values[row] = [None] * len(values)
        res.decided.pop(row, None)
    return res


def _confirmed_across(grid: dict[str, list], equations: list[Equation], row: str) -> bool:
    """Every cell read in `row` takes part in an identity with other rows that holds.
    In a table whose printed totals disagree with their parts, a damaged row's own
    total is no evidence for a reading: only the other rows can confirm it."""
    confirmed = _confirmed_cells(grid, equations, row)
    return all(i in confirmed for i, v in enumerate(grid[row]) if v is not None)


def _told(decided: str) -> bool:
    """A reading chosen by a figure printed outside the table (`hints`)."""
    return PROSE in decided or PREVIOUS in decided


def _nearly_confirmed(grid: dict[str, list], equations: list[Equation], row: str) -> bool:
    """Every cell read in `row` but one takes part in an identity with other rows
    that holds: with those in their places, the digits left are the last cell's,
    so no blank can have been lost there (it would leave no digits)."""
    confirmed = _confirmed_cells(grid, equations, row)
    return sum(1 for i, v in enumerate(grid[row]) if v is not None and i not in confirmed) <= 1


def _confirmed_cells(grid: dict[str, list], equations: list[Equation], row: str) -> set[int]:
    """The cells of `row` an identity with other rows confirms: one that holds."""
    confirmed: set[int] = set()
    for eq in equations:
        cells = eq.plus + eq.minus
        if any(c[0] != row for c in cells) and _holds(grid, eq) == 1:
            confirmed.update(i for r, i in cells if r == row)
    return confirmed


def _unconfirmed_printed(fits: dict[str, RowFit], fixed: dict[str, list],
                         equations: list[Equation], hints, told: dict
                         ) -> dict[str, tuple[list[list], set[int]]]:
    """Exact rows that may be another reading of their text (`RowFit.joined`: a stray
    space and a lost blank cell) that the other printed rows do not refute. Their own
    total fails either way, as it does in the many tables published with totals that
    disagree: there the columns still confirm the printed parts, and a column that
    holds with a printed cell refutes every reading that puts another number or the
    blank there. Returns row -> (its readings, printed first; the cells the columns
    confirm); such a row is taken out of `fixed` (no evidence for the others; the
    rows read later may still refute its other readings, `_printed_refuting`).
    A figure the prose states (`hints()`) chooses where one reading alone agrees
    with it (into `told`: row -> (values, source)); a row only the prose may open
    (`RowFit.witnessed`) stays as printed unless the prose refutes that reading, or
    the row is in doubt of itself (`RowFit.doubted`) and the prose does not confirm it."""
    doubtful = [row for row, fit in fits.items() if fit.joined and row in fixed]
    if not doubtful:
        return {}
    out: dict[str, tuple[list[list], set[int]]] = {}
    for row in doubtful:
        # with the other doubtful rows as printed: an identity that holds with two
        # misread rows is as much an accident as with one
        printed = fixed[row]
        confirmed = _confirmed_cells(fixed, equations, row)
        left = [alt for alt in fits[row].joined
                if not any(v != printed[i] and i in confirmed for i, v in enumerate(alt))]
        if not left:
            continue
        readings = [list(printed)] + left
        agree, source, said = _told_readings(readings, row, hints)
        if source and len(agree) == 1:  # the prose chose: the printed reading or another
            if agree[0] != printed:
                told[row] = (agree[0], source)
                fixed[row] = agree[0]
            continue
        if fits[row].witnessed:  # open only where the prose refutes the printed reading
            if source and agree and printed not in agree:
                readings, confirmed = agree, confirmed | said
            elif not fits[row].doubted or (source and printed in agree):
                continue  # or where a doubt of its own is not answered by the prose
        # a flattened note mark leaves the row's other cells as printed
        plain = set(range(len(printed))) - set(fits[row].marked) if fits[row].marked else set()
        out[row] = (readings, confirmed | plain)
    for row in out:
        del fixed[row]
    return out


def _told_readings(readings: list[list], row: str, hints) -> tuple[list[list], str, set[int]]:
    """The readings that agree with every figure the prose states for `row`'s cells
    where the readings differ, its source and those cells; all of them, "" and none
    where it states none."""
    told = {i: v for (r, i), v in hints().items() if r == row and i < len(readings[0])
            and len({x[i] for x in readings}) > 1}
    if not told:
        return readings, "", set()
    agree = [r for r in readings if all(r[i] == v for i, (v, _) in told.items())]
    return agree, "、".join(sorted({src for _, src in told.values()})), set(told)


def _printed_refuting(res: Resolution, unconfirmed: dict[str, tuple[list[list], set[int]]],
                      equations: list[Equation]) -> bool:
    """Read, as printed, the rows `_unconfirmed_printed` left open whose other
    readings the rows read since (and not doubted) now refute. Returns whether any was."""
    restored = False
    for row, (readings, _) in unconfirmed.items():
        printed = readings[0]
        confirmed = _confirmed_cells({**res.values, row: printed}, equations, row)
        if all(any(v != printed[i] and i in confirmed for i, v in enumerate(alt))
               for alt in readings[1:]):
            res.values[row] = list(printed)
            res.readings.pop(row, None)
            for i in range(len(printed)):
                res.ambiguous.pop((row, i), None)
            restored = True
    return restored


def _held_within(row: str, readings: list[list], equations: list[Equation]) -> set[int]:
    """The cells of an identity within `row` alone (table 四's group totals, T4-1)
    on which every reading agrees and which holds: such a group reads as any row
    whose own total holds, whatever its neighbours' doubt."""
    first = readings[0]
    agreed = [v if all(r[i] == v for r in readings) else None for i, v in enumerate(first)]
    out: set[int] = set()
    for eq in equations:
        cells = eq.plus + eq.minus
        if all(r == row for r, _ in cells) and _holds({row: agreed}, eq) == 1:
            out.update(i for _, i in cells)
    return out


def _leave_open(res: Resolution, row: str, readings: list[list], confirmed: set[int]) -> None:
    """A row whose text allows several readings: a cell is read where every reading
    has the same number and an identity confirms it (a column's with the other rows,
    or its own group's, `_held_within`); the rest stay null with the readings'
    numbers as candidates."""
    width = len(readings[0])
    values: list = [None] * width
    for i in range(width):
        seen = []
        for r in readings:
            if r[i] not in seen:
                seen.append(r[i])
        if len(seen) == 1 and i in confirmed:
            values[i] = seen[0]
        else:
            res.ambiguous[(row, i)] = [v for v in seen if v is not None]
    res.values[row] = values
    res.readings[row] = readings


def _resolve_group(rows: list[str], fits: dict[str, RowFit], equations: list[Equation],
                   res: Resolution, hints: Callable[[], dict[Cell2, tuple[object, str]]]) -> None:
    """Read a group of rows that share identities: every combination of their
    candidate readings is scored by the identities that hold; the best ones (and,
    among several, those the prose agrees with) decide each cell they agree on."""
    relevant = [eq for eq in equations if any(c[0] in rows for c in eq.plus + eq.minus)]
    scored = _scored_readings(rows, fits, relevant, res)
    if not scored:
        return
    best = max(w[0] for w in scored)
    winners = [w for w in scored if w[0] == best]
    decided = _rules_held(relevant, winners[0][1], res) if len(winners) < len(scored) else ""
    told = {c: v for c, v in hints().items() if c[0] in rows} if len(winners) > 1 else {}
    if told:
        agree = [w for w in winners if all(w[1][r][i] == v for (r, i), (v, _) in told.items()
                                           if i < len(w[1][r]))]
        if 0 < len(agree) < len(winners):
            used = {src for (r, i), (_, src) in told.items()
                    if len({w[1][r][i] for w in winners if i < len(w[1][r])}) > 1}
            winners, decided = agree, "、".join(sorted(used)) or PROSE
    # rows an identity binds: where their printed numbers belong is in question, so
    # a cell is read only where an identity the reading did not spend confirms it
    bound = {c[0] for eq in relevant for c in eq.plus + eq.minus}
    for r in rows:
        _store_row(r, winners, r in bound, res)
        res.chosen[r] = _slots_of(winners[0], r, fits)
        if decided and any(v is not None for v in res.values[r]):
            res.decided[r] = decided


def _scored_readings(rows: list[str], fits: dict[str, RowFit], relevant: list[Equation],
                     res: Resolution) -> list[tuple[int, dict[str, list], dict[Cell2, object], set[Cell2]]]:
    """(identities holding, the rows' values, cells solved, cells confirmed) for each
    combination of the rows' candidate readings that the identities can complete."""
    scored = []
    for pick in product(*(fits[r].candidates for r in rows)):
        grid = {r: list(v) for r, v in res.values.items()}
        unknown: set[Cell2] = set()
        for r, slots in zip(rows, pick):
            grid[r] = [s.value for s in slots]
            unknown |= {(r, i) for i, s in enumerate(slots) if s.unknown}
        spent: set[int] = set()
        solved = _propagate(grid, unknown, relevant, spent)
        if solved is None:
            continue
        # an identity spent on solving a missing cell holds by construction: no
        # evidence for the reading, and none against it either (the cell may be a
        # blank lost with its separator), so it counts as one that holds
        score = sum(_holds(grid, eq) for eq in relevant)
        scored.append((score, {r: grid[r] for r in rows}, solved,
                       _verified(grid, relevant, spent)))
    return scored


def _store_row(r: str, winners: list, bound: bool, res: Resolution) -> None:
    """Row `r`'s cells: a value every winning reading agrees on (confirmed by an
    identity it did not spend, when the row is `bound`), else null with the values seen."""
    first_solved = winners[0][2]
    values = []
    for i in range(len(winners[0][1][r])):
        seen = []
        for _, grid, _, _ in winners:
            if grid[r][i] not in seen:
                seen.append(grid[r][i])
        if len(seen) == 1 and seen[0] is not None and (
                not bound or all((r, i) in w[3] for w in winners)):
            values.append(seen[0])
            # one note per cell the source lacks, named after the first reading
            if (r, i) in first_solved:
                res.inferred[(r, i)] = (seen[0], first_solved[(r, i)])
        else:
            values.append(None)
            res.ambiguous[(r, i)] = [v for v in seen if v is not None]
    res.values[r] = values
    if None in values:
        seen_rows: list[list] = []
        for w in winners:
            if w[1][r] not in seen_rows:
                seen_rows.append(w[1][r])
        res.readings[r] = seen_rows


def _verified(grid: dict[str, list], eqs: list[Equation], used: set[int]) -> set[Cell2]:
    """The cells of a reading that an identity confirms: one that holds and was not
    spent on solving a missing cell (that one holds by construction)."""
    out: set[Cell2] = set()
    for k, eq in enumerate(eqs):
        if k not in used and _holds(grid, eq) == 1:
            out.update(eq.plus + eq.minus)
    return out


def _rules_held(eqs: list[Equation], grid: dict[str, list], res: Resolution) -> str:
    """The identities (by rule) that the chosen reading satisfies."""
    full = {**res.values, **grid}
    rules = []
    for eq in eqs:
        if eq.rule not in rules and _holds(full, eq) == 1:
            rules.append(eq.rule)
    return "、".join(sorted(rules))


def _slots_of(winner, row: str, fits: dict[str, RowFit]) -> list[Slot]:
    values = winner[1][row]
    for cand in fits[row].candidates:
        if all(s.unknown or s.value == v for s, v in zip(cand, values)):
            return cand
    return fits[row].candidates[0]


def _propagate(grid: dict[str, list], unknown: set[Cell2], eqs: list[Equation], used: set[int]):
    """Solve unknown cells one identity at a time. Returns {cell: rule} of the
    solved cells, or None when a solution is impossible (negative count)."""
    solved: dict[Cell2, str] = {}
    pending = set(unknown)
    progress = True
    while pending and progress:
        progress = False
        for k, eq in enumerate(eqs):
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
            used.add(k)
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
