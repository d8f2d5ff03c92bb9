"""Table 三 pasted twice in its own part, without a caption saying whose or which
year each copy is (a draft and the final one both left in the page).

A row label printed a second time is read once, its first reading standing (a row
repeated by a slip). Where most of the table's rows are printed again, the page
holds two copies of the table, and which is right nothing in it says: each copy is
read, the cells both copies print alike are read, and the cells they print
otherwise are left null with a note naming both figures (F-TABLE), never the first
copy's figure taken for the table's. Captioned copies (上年度, 全区汇总) are told
apart before (year_copies, regions).
"""

from __future__ import annotations

import re

from ..ingest.document import Line
from ..model import Note
from .stream import Item, LabelItem

MIN_REPEATED = 5  # rows printed again that make a second copy, not a repeated row
# a sentence or a caption saying whose or which year a copy is (全区汇总情况如下表。,
# （二）本级情况, 2022年度：, 上年数据), not the form's lead-in (本年度…情况如下表。)
_SAYS_WHICH = re.compile(r"汇总|全[省市区县旗州盟镇乡]|本行政区域|本地区|本级|本机关|本单位|本部门"
                         r"|[0-9０-９]{4}|上年|草稿|定稿|修改|更正")


def second_copy(items: list[Item], lines: list[Line]) -> int | None:
    """The index in `items` where a second copy of the table starts: the first
    label with numbers whose row was read above, when at least `MIN_REPEATED`
    rows read above are printed again after it and no caption or sentence between
    the copies says what the second is (全区汇总情况如下表。: the first reading
    stands, as regions and year_copies have it); None otherwise."""
    seen: set[str] = set()
    start = None
    for i, it in enumerate(items):
        if not isinstance(it, LabelItem) or it.values is None:
            continue
        row = it.match.row
        if row in seen and start is None:
            start = i
        seen.add(row)
    if start is None:
        return None
    above = {it.match.row for it in items[:start] if isinstance(it, LabelItem)}
    again = {it.match.row for it in items[start:] if isinstance(it, LabelItem)
             and it.values is not None and it.match.row in above}
    if len(again) < MIN_REPEATED:
        return None
    last = max(_line_of(it) for it in items[:start])
    between = [ln.text for ln in lines if last < ln.number < items[start].line.number]
    return None if any(_SAYS_WHICH.search(t) for t in between) else start


def _line_of(item: Item) -> int:
    values = item.values if isinstance(item, LabelItem) else item
    return max([item.line.number] + [ln.number for ln in (values.lines if values else ())])


def settle(first, second, table: str) -> Note | None:
    """Leave null, in `first` (a TableRead), the cells the two copies print
    otherwise (a number in one and another number or none in the other); the note
    names them with both figures. None when the copies agree."""
    values: dict[str, list] = {}
    for row, cols in first.cells.items():
        other = second.cells.get(row)
        if other is None:
            continue
        for col, v in cols.items():
            w = other.get(col)
            if v != w:
                values[f"{table}.{row}.{col}"] = [v, w]
                cols[col] = None
    if not values:
        return None
    where = [first.provenance.pop(code) for code in values if code in first.provenance]
    line = min((p for p in where if p.line is not None), key=lambda p: p.line, default=None)
    return Note("table_twice", list(values), line=line.line if line else None,
                page=line.page if line else None,
                data={"table": table, "values": values, "unread": True})
