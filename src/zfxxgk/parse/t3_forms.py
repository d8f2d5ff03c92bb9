"""Table 三 printed in a local form rather than the national one.

A 小计 column: some forms add, for the five kinds of 法人或其他组织, their sum
beside them (after 其他, before 总计; or before 商业企业). It is no cell of the
report, and read as one of the seven it shifts a row (小计 read as 总计, 其他 as
小计): each row's numbers are read without it, where the header's place for it is
certain, and a row that prints fewer cells than the eight columns is left
unplaced (its cells null), since which column it lacks cannot be told.

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
from .cells import split_line
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
    """`items` with each value group's 小计 cell taken out (`_drop`); a label's own
    group is replaced with it, so that label and numbers still go together."""
    new: dict[int, ValueGroup] = {}

    def swap(group: ValueGroup) -> ValueGroup:
        if id(group) not in new:
            new[id(group)] = _drop(group, place)
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

