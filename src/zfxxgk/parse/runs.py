"""Digits printed with no separator (HTML tables scraped as text): ``640020470``
for the row 64|0|0|2|0|4|70. Every cut into the row's numbers is tried under the
row's own identity; what stays ambiguous is settled, or left null, by the
identities across rows (`solve`)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..standard.spec import Column

MAX_RUN_CELL = 9  # digits of one cell: counts below a billion


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


def split_run(run: str, width: int, check: object,
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


