"""The order of table 四's fifteen cells, as its header prints them.

A portal's template may print each group's five columns in another order than the
form's (结果纠正 before 结果维持, 总计 first) or the two 行政诉讼 groups the other
way round (复议后起诉 before 未经复议直接起诉), the numbers moving with the names.
Each group totals itself in any order of its parts (T4-1), and both litigation
groups have the same shape, so no identity can tell: read by the form's places
such a row is wrong in every moved cell. The header tells: its line of column
names (five names, or fifteen: five a group) and its line of group names.

A header that names the columns in the form's order, or names them otherwise but
not each once a group (a name lost, misspelt or twice), says nothing and keeps the
form's order, except that a line of fifteen names that are each group's five once
in some other order is read; five names are each group's. The groups' order is
taken only from a line naming both litigation groups (and from the top line
naming 行政诉讼 before 行政复议).

A portal's template may also leave a column out of every group (the three 总计,
twelve numbers under twelve names): where the row prints twelve numbers and the
header's line of names is each group's four once and names the fifth nowhere, the
order lists the twelve places printed; the fifth of each group is then no printed
cell (its group's total, T4-1, gives it: review_table).
"""

from __future__ import annotations

import re

from ..ingest.document import Line
from ..standard.normalize import compact, nfkc

# the column names in the form's order, with the shorter words headers print
_COLUMN = re.compile(r"结果维持|结果纠正|其他结果|尚未审结|总计|合计|维持|纠正|未审结")
_INDEX = {"结果维持": 0, "维持": 0, "结果纠正": 1, "纠正": 1, "其他结果": 2, "尚未审结": 3,
          "未审结": 3, "总计": 4, "合计": 4}
_GROUP = re.compile(r"行政复议|行政诉讼|未经复议(?:直接起诉)?|复议后起诉")
_WIDTH = 5
FORM = tuple(range(3 * _WIDTH))
# a line with figures or a sentence's marks is no header line (未发生行政诉讼和行政复议。)
_NOT_HEAD = re.compile(r"[\d。，；：、]")


def printed_order(lines: list[Line], first: int, count: int = 3 * _WIDTH) -> tuple[int, ...] | None:
    """For each printed cell, its place in the form's row of fifteen, where the
    header above line number `first` (table 四's first numbers) prints another order
    than the form's, or (the row printing `count` twelve numbers) a column less a
    group; None where it prints the form's or says nothing clear."""
    head = [compact(nfkc(ln.text)) for ln in lines if ln.number < first]
    head = [t for t in head if t and len(t) <= 80 and not _NOT_HEAD.search(t)]
    columns = _column_order(head) if count != 3 * (_WIDTH - 1) else _short_order(head)
    groups = _group_order(head)
    if columns is None and groups is None:
        return None
    columns = columns or [tuple(range(_WIDTH))] * 3
    groups = groups or (0, 1, 2)
    order = tuple(g * _WIDTH + c for k, g in enumerate(groups) for c in columns[k])
    return None if order == FORM else order


def _column_order(head: list[str]) -> list[tuple[int, ...]] | None:
    """Each printed group's column order from the last line naming five or fifteen
    columns, each group's once; None where none does or it is the form's order."""
    for text in reversed(head):
        names = [_INDEX[w] for w in _COLUMN.findall(text)]
        if len(names) not in (_WIDTH, 3 * _WIDTH):
            continue
        blocks = [tuple(names[k:k + _WIDTH]) for k in range(0, len(names), _WIDTH)]
        if any(sorted(b) != list(range(_WIDTH)) for b in blocks):
            return None
        blocks = blocks * 3 if len(blocks) == 1 else blocks
        return None if all(b == tuple(range(_WIDTH)) for b in blocks) else blocks
    return None


def _short_order(head: list[str]) -> list[tuple[int, ...]] | None:
    """Each group's four printed columns where the last line naming columns names
    four or twelve, each group's four once (any order), and the same one left out of
    every group is named on no line (a 总计 on a line of its own may be a cut name)."""
    for text in reversed(head):
        names = [_INDEX[w] for w in _COLUMN.findall(text)]
        if not names:
            continue
        if len(names) not in (_WIDTH - 1, 3 * (_WIDTH - 1)):
            return None
        blocks = [tuple(names[k:k + _WIDTH - 1]) for k in range(0, len(names), _WIDTH - 1)]
        left = {frozenset(range(_WIDTH)) - set(b) for b in blocks}
        if len(left) != 1 or any(len(set(b)) != _WIDTH - 1 for b in blocks):
            return None
        out = next(iter(left))
        if any(_INDEX[w] in out for t in head for w in _COLUMN.findall(t)):
            return None
        return blocks * 3 if len(blocks) == 1 else blocks
    return None


def _group_order(head: list[str]) -> tuple[int, ...] | None:
    """The printed order of the three groups (0 行政复议, 1 未经复议直接起诉, 2 复议后起诉)
    where the header names them otherwise; None for the form's order or no names."""
    review_last = any(t.find("行政诉讼") >= 0 and 0 <= t.find("行政诉讼") < t.find("行政复议")
                      for t in head)
    suits = (1, 2)
    for text in head:
        found = [w for w in _GROUP.findall(text) if w not in ("行政复议", "行政诉讼")]
        kinds = [2 if w == "复议后起诉" else 1 for w in found]
        if sorted(kinds) == [1, 2]:
            suits = tuple(kinds)
            break
    order = suits + (0,) if review_last else (0,) + suits
    return None if order == (0, 1, 2) else order
