"""The readings of a row whose printed numbers do not match its cells one to one.

Scraped page text loses separators (``行政规范性文件6431512`` for 64 | 3 | 1512) and
gains stray ones (``（七）总计 3 4`` for 34). A row's printed numbers are taken as
one string of digits with the places where the text had a separator: every way of
cutting it into the row's cells is a reading, where a cut may fall inside a printed
number (a lost separator) and, where the separators were spaces, a space need not
be a cut (a stray space). Tab or pipe separators are the table's own cells and are
always cuts. No piece has a leading zero unless it is ``0``; decimals and signs are
allowed only in the columns that take them. The row's own total (T3-3, T4-1) filters
the readings here; the table's other identities and the report's prose choose among
what is left (`solve`, `prose`), or the cells stay null.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations
from typing import Iterable

from ..standard.spec import Column
from .runs import MAX_RUN_CELL, total_last, totals_every_five

BUDGET = 200_000  # partial readings tried before a row is declared unreadable
MAX_READINGS = 200


class OverBudget(Exception):
    """Too many ways to read a row (a hostile or hopeless text): it stays unread."""


@lru_cache(maxsize=64)
def _piece_pattern(col: Column | None, integer: bool) -> re.Pattern:
    sign = "[+-]?" if col is not None and col.signed and not integer else ""
    frac = r"(?:\.\d+)?" if col is not None and col.money and not integer else ""
    return re.compile(rf"{sign}(?:0|[1-9]\d{{0,{MAX_RUN_CELL - 1}}}){frac}")


def readings(tokens: list[str], width: int, check=None, columns: tuple[Column, ...] = (),
             stray_spaces: bool = False) -> list[list[str]]:
    """Every reading of `tokens` as `width` cells under the row's own identity
    (`check`: `total_last`, `totals_every_five`, `total_at` or None). Raises OverBudget."""
    text = "".join(tokens)
    if not text or len(text) > MAX_RUN_CELL * width + 3 * len(tokens) or len(text) < width:
        return []
    gaps, pos = [], 0
    for t in tokens[:-1]:
        pos += len(t)
        gaps.append(pos)
    must = frozenset() if stray_spaces else frozenset(gaps)
    walker = _Walker(text, must)
    if check is total_last or check is totals_every_five:
        if not text.isdigit():
            return []
        group = width if check is total_last else 5
        if width % group:
            return []
        return walker.groups(0, width // group, group)
    at = getattr(check, "total_index", None)
    if at is not None:
        return walker.around(at, width) if text.isdigit() else []
    patterns = [_piece_pattern(columns[i] if i < len(columns) else None, False)
                for i in range(width)]
    return walker.free(0, patterns, [])


class _Walker:
    """Enumerates cuts of `text` that honour the compulsory cuts `must`."""

    def __init__(self, text: str, must: frozenset[int]):
        self.text = text
        self.must = sorted(must)
        self.steps = 0

    def _tick(self) -> None:
        self.steps += 1
        if self.steps > BUDGET:
            raise OverBudget

    def _ends(self, start: int, limit: int):
        """Where a piece starting at `start` may end: never past a compulsory cut."""
        stop = limit
        for m in self.must:
            if m > start:
                stop = min(stop, m)
                break
        return range(start + 1, stop + 1)

    def _crosses(self, a: int, b: int) -> bool:
        return any(a < m < b for m in self.must)

    def free(self, start: int, patterns: list, acc: list[str]) -> list[list[str]]:
        """Table 二: each piece as its column allows."""
        out: list[list[str]] = []
        self._free(start, patterns, acc, out)
        return out

    def _free(self, start: int, patterns: list, acc: list[str], out: list) -> None:
        self._tick()
        left = len(patterns) - len(acc)
        n = len(self.text)
        if left == 1:
            piece = self.text[start:]
            if not self._crosses(start, n) and patterns[len(acc)].fullmatch(piece):
                out.append(acc + [piece])
            return
        for end in self._ends(start, n - left + 1):
            piece = self.text[start:end]
            if patterns[len(acc)].fullmatch(piece):
                self._free(end, patterns, acc + [piece], out)
                if len(out) > MAX_READINGS:
                    raise OverBudget

    def groups(self, start: int, count: int, size: int) -> list[list[str]]:
        """`count` groups of `size` cells, each group's last cell the sum of the others."""
        if count == 0:
            return [[]] if start == len(self.text) else []
        out: list[list[str]] = []
        n = len(self.text)
        min_rest = (count - 1) * size
        ends = [n] if count == 1 else range(start + size, min(n - min_rest, start + size * MAX_RUN_CELL) + 1)
        for end in ends:
            for parts in self._with_total(start, end, size):
                for rest in self.groups(end, count - 1, size):
                    out.append(parts + rest)
                    if len(out) > MAX_READINGS:
                        raise OverBudget
        return out

    def around(self, at: int, width: int) -> list[list[str]]:
        """`width` pieces, the one at `at` the sum of the others: a total printed
        before some of its parts (a header with 总计 first or among the kinds). The
        side with fewer parts is cut first (each way, its sum at most the total),
        the other to the sum left (`_parts`: the exact sum prunes it)."""
        out: list[list[str]] = []
        n, after = len(self.text), width - 1 - at
        for start in range(at, n - after):
            for end in range(start + 1, min(n - after, start + MAX_RUN_CELL) + 1):
                total = self.text[start:end]
                if self._crosses(start, end) or not _ok(total):
                    continue
                found: list[list[str]] = []
                if after <= at:  # the parts after the total first
                    for rest, used in self._capped(end, n, after, int(total), (), 0):
                        cut: list[list[str]] = []
                        self._parts(0, start, at, int(total) - used, [], cut, total)
                        found += [row + rest for row in cut]
                else:
                    for before, used in self._capped(0, start, at, int(total), (), 0):
                        cut = []
                        self._parts(end, n, after, int(total) - used, before, cut, total)
                        found += [row[:at] + [total] + row[at:-1] for row in cut]
                out += found
                if len(out) > MAX_READINGS:
                    raise OverBudget
        return out

    def _capped(self, start: int, stop: int, left: int, cap: int, acc: tuple, used: int):
        """text[start:stop] as `left` pieces adding up to at most `cap`: (pieces, sum)."""
        self._tick()
        if left == 0:
            if start == stop:
                yield list(acc), used
            return
        if stop - start < left or stop - start > left * len(str(cap - used)):
            return
        for end in self._ends(start, stop - left + 1):
            piece = self.text[start:end]
            if not _ok(piece) or used + int(piece) > cap:
                break
            yield from self._capped(end, stop, left - 1, cap, acc + (piece,), used + int(piece))

    def _with_total(self, start: int, end: int, size: int) -> list[list[str]]:
        """text[start:end] as `size` pieces, the last the sum of the others."""
        out: list[list[str]] = []
        for t_start in range(end - 1, max(start + size - 2, end - MAX_RUN_CELL - 1), -1):
            if self._crosses(t_start, end):
                break
            total = self.text[t_start:end]
            if not _ok(total):
                continue
            self._parts(start, t_start, size - 1, int(total), [], out, total)
        return out

    def _parts(self, start: int, stop: int, left: int, remaining: int, acc: list[str],
               out: list, total: str) -> None:
        self._tick()
        if left == 1:
            piece = self.text[start:stop]
            if not self._crosses(start, stop) and _ok(piece) and int(piece) == remaining:
                out.append(acc + [piece, total])
            return
        if stop - start > left * len(str(remaining)) or stop - start < left:
            return
        for end in self._ends(start, stop - left + 1):
            piece = self.text[start:end]
            if not _ok(piece):
                break
            value = int(piece)
            if value > remaining:
                break
            self._parts(end, stop, left - 1, remaining - value, acc + [piece], out, total)


def _ok(piece: str) -> bool:
    return piece.isdigit() and (piece == "0" or piece[0] != "0")


def joined_readings(tokens: list[str], group: int, at: Iterable[int] | None = None,
                    total: int | None = None) -> list[list[int | None]]:
    """Readings of a row printed as space-separated numbers, one per cell, whose own
    identity fails (T3-3 over the whole row, `group` its width; T4-1 every five): a
    blank cell lost with its separator and a stray space inside one number also leave
    one number per cell (``3 2 2 13 36 0 84`` for 32|2|13|36|0||84). Each reading
    joins two neighbouring numbers and puts the blank (None) somewhere, and keeps
    every group's identity: a group with a blank part leaves room for it (its parts
    at most its total), one with a blank total is unchecked. `group` 0: a row with
    no identity (table 二), the numbers joined only `at` the spaces given (a lone
    space where the row's others are wider), every reading kept. `total`: the
    place of a group's total where it is not last (`runs.total_at`)."""
    width = len(tokens)
    out: list[list[int | None]] = []
    for j in (range(width - 1) if at is None else at):
        piece = tokens[j] + tokens[j + 1]
        if not _ok(piece) or len(piece) > MAX_RUN_CELL:
            continue
        numbers = [int(t) for t in tokens[:j]] + [int(piece)] + [int(t) for t in tokens[j + 2:]]
        for p in range(width):
            row = numbers[:p] + [None] + numbers[p:]
            if (not group or _groups_hold(row, group, total)) and row not in out:
                out.append(row)
    return out


def group_readings(run: str, size: int = 5, blanks: int = 2) -> list[list[int | None]]:
    """Every reading of one group's digits run together (table 四's ``行政复议2113034``)
    as its `size` cells, its total last: those that add up (2|1|1|30|34), and those
    in which up to `blanks` blank cells went with the lost separators and the parts
    leave room for them (21|13|0|空|34). Only a figure outside the table (the prose)
    may choose among them; a run of a dozen digits has a few thousand at most."""
    out: list[list[int | None]] = []
    seen: set[tuple] = set()
    for k in range(min(blanks, size - 1) + 1):
        for cuts in combinations(range(1, len(run)), size - k - 1):
            bounds = (0,) + cuts + (len(run),)
            pieces = [run[a:b] for a, b in zip(bounds, bounds[1:])]
            if not all(_ok(p) and len(p) <= MAX_RUN_CELL for p in pieces):
                continue
            numbers = [int(p) for p in pieces]
            for places in combinations(range(size), k):
                it = iter(numbers)
                row = [None if i in places else next(it) for i in range(size)]
                if _groups_hold(row, size) and tuple(row) not in seen:
                    seen.add(tuple(row))
                    out.append(row)
    return out


def _groups_hold(row: list[int | None], size: int, at: int | None = None) -> bool:
    """Every group of `size` cells adds up (its total `at` its place, else last),
    or leaves its blank the rest (>= 0)."""
    at = size - 1 if at is None else at
    for k in range(0, len(row), size):
        group = row[k:k + size]
        total, parts = group[at], group[:at] + group[at + 1:]
        if total is None:
            continue
        known = sum(v for v in parts if v is not None)
        if known > total or (known < total and None not in parts):
            return False
    return True
