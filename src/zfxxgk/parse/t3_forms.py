"""Table 三 printed in a local form rather than the national one.

A 小计 column: some forms add, for the five kinds of 法人或其他组织, their sum
beside them (after 其他, before 总计; or before 商业企业). It is no cell of the
report, and read as one of the seven it shifts a row (小计 read as 总计, 其他 as
小计): each row's numbers are read without it, where the header's place for it is
certain, and a row that prints fewer cells than the eight columns is left
unplaced (its cells null), since which column it lacks cannot be told.

法人或其他组织 as one column (自然人, 法人或其他组织, 总计): the form's five kinds are
not printed. 自然人 and 总计 are read; the five kinds stay null with a note that says
the header merged them (F-TABLE), the merged figure is no cell of the report.

Columns in another order than the form's: t3_header.py.

Transposed: the applicant kinds as rows (自然人 followed by a number for each
outcome) and the outcomes as columns. Its rows' labels then stand in one header
line and its numbers under no label: the table is not read (null, F-TABLE),
rather than read as rows of blank cells.
"""

from __future__ import annotations

import dataclasses
import re

from ..ingest.document import Line
from .cells import BLANK, split_line
from .stream import Item, LabelItem, ValueGroup

WIDTH = 8  # 自然人, five kinds of 法人或其他组织, 小计, 总计
_SPACE = re.compile(r"\s+")


def subtotal_place(lines: list[Line], items: list[Item]) -> int | None:
    """The index of the 小计 column among the eight a row prints: 1 where the header
    names it before 商业企业, else 6; None when the header above table 三's first
    row names no 小计 (the form's seven columns)."""
    first = next((it.line.number for it in items if isinstance(it, LabelItem)), None)
    header = "".join(_SPACE.sub("", ln.text) for ln in lines if first is None or ln.number < first)
    at = header.find("小计")
    if at < 0:
        return None
    kinds = header.find("商业企业")
    return 1 if 0 <= at < kinds else 6


def without_subtotal(items: list[Item], place: int) -> list[Item]:
    """`items` with each value group's 小计 cell taken out (`_drop`)."""
    return _regrouped(items, lambda group: _drop(group, place))


def merged_kinds(lines: list[Line], items: list[Item]) -> Line | None:
    """The header line of a table 三 printing 法人或其他组织 as one column (自然人,
    法人或其他组织, 总计: the five kinds summed), where no header line above the
    first row names any of the five; None for any other header."""
    first = next((it.line.number for it in items if isinstance(it, LabelItem)), None)
    head = [ln for ln in lines if first is None or ln.number < first]
    text = "".join(_SPACE.sub("", ln.text) for ln in head)
    if "法人或其他组织" not in text or "自然人" not in text \
            or any(w in text.replace("法人或其他组织", "") for w in _KIND_PIECES):
        return None
    widths = [len(it.values.stripped) for it in items
              if isinstance(it, LabelItem) and it.values is not None]
    if widths.count(_MERGED) * 2 <= len(widths):  # the rows print three numbers
        return None
    return next((ln for ln in head if "法人或其他组织" in _SPACE.sub("", ln.text)), None)


def with_kinds_merged(items: list[Item]) -> list[Item]:
    """`items` of a table whose five kinds of 法人或其他组织 are one column: each
    row's three numbers as the form's seven, the five kinds blank (`_spread`)."""
    return _regrouped(items, _spread)


def with_unprinted(items: list[Item], place: int) -> list[Item]:
    """`items` of a table whose header leaves the column `place` out (t3_header.
    unprinted_column): each row's six numbers as the form's seven, a blank there
    (`unprinted.fill_unprinted` gives it from the row's total); a group of another
    count is unplaced (which of its cells is which cannot be told)."""
    return _regrouped(items, lambda group: _blank_at(group, place))


def _regrouped(items: list[Item], fn) -> list[Item]:
    """`items` with each value group replaced by `fn(group)`; a label's own group
    too, so that label and numbers still go together."""
    new: dict[int, ValueGroup] = {}

    def swap(group: ValueGroup) -> ValueGroup:
        if id(group) not in new:
            new[id(group)] = fn(group)
        return new[id(group)]

    out: list[Item] = []
    for it in items:
        if isinstance(it, ValueGroup):
            out.append(swap(it))
        elif it.values is not None:
            out.append(dataclasses.replace(it, values=swap(it.values)))
        else:
            out.append(it)
    return out


def _drop(group: ValueGroup, place: int) -> ValueGroup:
    """The group without its 小计 cell: the cell at `place` among eight printed cells
    (blank cells shown), or among eight once the blanks around the row are off;
    a group of another count is unplaced (a blank lost, digits run together)."""
    cells = group.cells
    if len(cells) == WIDTH:
        at = place
    elif len(group.stripped) == WIDTH:
        at = next(i for i, c in enumerate(cells) if c.kind != "empty") + place
    else:
        return dataclasses.replace(group, unplaced=True)
    lines = group.lines
    if len(lines) == len(cells):
        lines = lines[:at] + lines[at + 1:]
    starts = group.starts
    if len(starts) == len(cells):
        starts = starts[:at] + starts[at + 1:]
    return dataclasses.replace(group, cells=cells[:at] + cells[at + 1:], lines=lines,
                               starts=starts)


def _blank_at(group: ValueGroup, place: int) -> ValueGroup:
    """The group with a blank inserted at `place` among its six printed cells (blank
    cells shown), or among six once the blanks around the row are off."""
    cells = group.cells
    if len(cells) == WIDTH - 2:
        at = place
    elif len(group.stripped) == WIDTH - 2:
        at = next(i for i, c in enumerate(cells) if c.kind != "empty") + place
    else:
        return dataclasses.replace(group, unplaced=True)
    lines, starts = group.lines, group.starts
    if len(lines) == len(cells):
        lines = lines[:at] + [lines[min(at, len(lines) - 1)]] + lines[at:]
    if len(starts) == len(cells):
        starts = starts[:at] + [starts[min(at, len(starts) - 1)]] + starts[at:]
    return dataclasses.replace(group, cells=cells[:at] + [BLANK] + cells[at:], lines=lines,
                               starts=starts)


_MERGED = 3  # 自然人, 法人或其他组织, 总计
# the five kinds' names, or the pieces a narrow header cell wraps them into
_KIND_PIECES = ("商业", "科研", "公益", "法律", "服务", "其他", "其它")


def _spread(group: ValueGroup) -> ValueGroup:
    """A row of a merged table as the form's seven cells: 自然人, five blanks for the
    kinds its one 法人或其他组织 figure sums (no count of any one of them), 总计;
    a group of another count is unplaced (a blank lost, digits run together)."""
    cells = group.cells
    if len(cells) == _MERGED:
        at = 0
    elif len(group.stripped) == _MERGED:
        at = next(i for i, c in enumerate(cells) if c.kind != "empty")
    else:
        return dataclasses.replace(group, unplaced=True)
    spread = cells[:at + 1] + [BLANK] * 5 + cells[at + 2:]
    lines, starts = group.lines, group.starts
    if len(lines) == len(cells):
        lines = lines[:at + 1] + [lines[at + 1]] * 5 + lines[at + 2:]
    if len(starts) == len(cells):
        starts = starts[:at + 1] + [starts[at + 1]] * 5 + starts[at + 2:]
    return dataclasses.replace(group, cells=spread, lines=lines, starts=starts)


_KINDS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构")
MIN_TURNED = 3  # applicant kinds printed as rows of numbers: the table is transposed
_WIDE = 12  # more numbers than any row of the form has (eight with a 小计)


def transposed(lines: list[Line]) -> bool:
    """Whether table 三 prints its applicant kinds as rows: three or more lines that
    open with a kind's name and go on with more numbers than a row of the form."""
    turned = 0
    for line in lines:
        text = line.text.strip().lstrip("|│").lstrip()
        if not text.startswith(_KINDS):
            continue
        cells = split_line(line.text)
        if sum(c.kind == "number" for c in cells) >= _WIDE:
            turned += 1
            if turned >= MIN_TURNED:
                return True
    return False

