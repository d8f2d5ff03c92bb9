"""The shapes of a row's own identity, as the readers of damaged rows use them
(`splits`, `fit`): table 三's last cell is the sum of the six before it, table 四's
every fifth the sum of the four before it (`standard.identities`, T3-3 and T4-1)."""

from __future__ import annotations

from functools import lru_cache

MAX_RUN_CELL = 9  # digits of one cell: counts below a billion


def total_last(values: list) -> bool:
    """T3-3: the last cell is the sum of the others."""
    if any(v is None for v in values):
        return True
    return sum(values[:-1]) == values[-1]


@lru_cache(maxsize=16)
def total_at(index: int, width: int):
    """T3-3 where the header prints 总计 at `index` (first, or among the kinds): the
    cell there is the sum of the others. `total_last` where it is the last cell, so
    that the readers that know that shape (`splits`, `fit`) still do."""
    if index == width - 1:
        return total_last

    def check(values: list) -> bool:
        if any(v is None for v in values):
            return True
        # a row with fewer cells than the header (wrapped onto the next line, a cell
        # lost) has no 总计 there: its identity does not hold
        return len(values) > index and sum(values) == 2 * values[index]

    check.total_index = index
    return check


def totals_every_five(values: list) -> bool:
    """T4-1: in each group of five, the fifth is the sum of the four before it."""
    for i in range(0, len(values) - 4, 5):
        part = values[i:i + 5]
        if any(v is None for v in part):
            continue
        if sum(part[:4]) != part[4]:
            return False
    return True
