"""Narrowing the open rows' candidate readings before `solve` scores their
combinations: a reading that no choice among the other open rows can complete to
a true column identity is dropped. `solve.resolve` tries every combination of
the rows' readings, which grows as their product; pruning row by row against
the sums the other rows can reach keeps that product small (and within
`solve.MAX_COMBOS` more often) without dropping a reading the identities could
still accept. Kept apart from `solve` because it is one self-contained step:
arithmetic over sets of sums, not the choosing and storing of readings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .fit import Slot

if TYPE_CHECKING:  # solve imports this module: the type only, for the annotations
    from .solve import Equation

MAX_SUMS = 50000


def prune(cands: dict[str, list[list[Slot]]], fixed: dict[str, list],
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
