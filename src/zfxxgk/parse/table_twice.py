"""A table pasted twice in its own part, without a caption saying whose or which
year each copy is (a draft and the final one both left in the page): table 三 (its
rows printed again), table 二 (the same) and table 四 (its header and numbers again).

A row label printed a second time is read once, its first reading standing (a row
repeated by a slip). Where most of the table's rows are printed again, the page
holds two copies of the table. Each copy is read, and the cells both print alike
are read. Where exactly one copy keeps every identity of the table (三: T3-1..3,
四: T4-1) and the other breaks one, the consistent copy's figures are taken, each
cell's provenance naming the identity the other breaks (decided_by) and a note
saying which copy was taken and why. Otherwise (table 二, which no identity
binds; both copies adding up, or neither) nothing says which is right: the cells
they print otherwise are left null with a note naming both figures (F-TABLE),
never the first copy's figure taken for the table's. Captioned copies (上年度,
全区汇总) are told apart before (year_copies, regions).
"""

from __future__ import annotations

import re

from ..ingest.document import Line
from ..model import Note
from ..standard.identities import Identity, sums
from ..standard.vocabulary import split_code
from .cells import is_footer
from .doubts import review_head
from .stream import Item, LabelItem

_FIGURE = re.compile(r"[0-9０-９]")
_FIGURES = re.compile(r"[0-9０-９]+")
_YEAR_CAPTION = re.compile(r"[0-9０-９]{4}\s*年|上年")  # 2022年度： above the second copy
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


def second_review_copy(lines: list[Line]) -> int | None:
    """The index in `lines` (table 四's part) where a second copy of table 四 starts:
    its header printed again (lines without figures naming the results, 维持 …)
    after figures under the first one, with no caption or sentence between saying
    what the second is; None otherwise. A row naming its group (行政复议 3 1 …) is
    no header."""
    heads = [i for i, ln in enumerate(lines) if review_head(ln.text)]
    if not heads:
        return None
    figures = 0  # table 四's row holds fifteen: a page number (- 4 -) is none of them
    for i in range(heads[0], len(lines)):
        text = lines[i].text
        if _FIGURE.search(text):
            figures += 0 if is_footer(text) else len(_FIGURES.findall(text))
        elif figures >= MIN_REPEATED and review_head(text) and _names_results(lines, i):
            start = next((k for k in range(i, heads[0], -1) if _FIGURE.search(lines[k - 1].text)), i)
            if any(_SAYS_WHICH.search(ln.text) for ln in lines[start:i]) \
                    or _YEAR_CAPTION.search(lines[start - 1].text):
                return None
            return start
    return None


def _names_results(lines: list[Line], at: int) -> bool:
    """The lines from `at` to the next figures name table 四's results (维持, 纠正)."""
    block = []
    for ln in lines[at:]:
        if _FIGURE.search(ln.text):
            break
        block.append("".join(ln.text.split()))
    words = "".join(block)
    return "维持" in words and "纠正" in words


def _line_of(item: Item) -> int:
    values = item.values if isinstance(item, LabelItem) else item
    return max([item.line.number] + [ln.number for ln in (values.lines if values else ())])


def read_twice(items: list[Item], lines: list[Line], read, table: str,
               identities: tuple[Identity, ...] = ()):
    """`read(items)` (a TableRead) of the table's stream, or of each of two copies
    of it (`second_copy`), settled (`settle`) with the note on the first."""
    at = second_copy(items, lines)
    if at is None:
        return read(items)
    first = read(items[:at])
    note = settle(first, read(items[at:]), table, identities)
    if note is not None:
        first.notes.append(note)
    return first


def settle(first, second, table: str, identities: tuple[Identity, ...] = ()) -> Note | None:
    """`first` (a TableRead) with the cells the two copies print otherwise (a
    number in one and another number or none in the other) taken from the one
    copy keeping all `identities` where the other breaks one, else left null; the
    note names them with both figures. None when the copies agree."""
    values: dict[str, list] = {}
    for row, cols in first.cells.items():
        other = second.cells.get(row)
        if other is None:
            continue
        for col, v in cols.items():
            w = other.get(col)
            if v != w:
                values[f"{table}.{row}.{col}"] = [v, w]
    if not values:
        return None
    chosen, broken = _consistent((first, second), identities)
    if chosen is None:
        for code in values:
            _, row, col = split_code(code)
            first.cells[row][col] = None
        where = [first.provenance.pop(code) for code in values if code in first.provenance]
    else:
        where = _take(first, (first, second)[chosen], values, broken.rule)
    line = min((p for p in where if p.line is not None), key=lambda p: p.line, default=None)
    data = {"table": table, "values": values}
    if chosen is None:
        data["unread"] = True
    else:
        data.update(chosen=("first", "second")[chosen], broken=broken.what, rule=broken.rule)
    return Note("table_twice", list(values), line=line.line if line else None,
                page=line.page if line else None, data=data)


def _take(first, keep, values: dict[str, list], rule: str) -> list:
    """The differing cells of `first` set to `keep`'s (the copy that adds up),
    their provenance `keep`'s with the rule the other copy breaks."""
    out = []
    for code in values:
        _, row, col = split_code(code)
        first.cells[row][col] = keep.cells[row][col]
        prov = keep.provenance.get(code)
        if prov is None:
            first.provenance.pop(code, None)
            continue
        prov.decided_by = rule
        first.provenance[code] = prov
        out.append(prov)
    return out


def _consistent(copies: tuple, identities: tuple[Identity, ...]) -> tuple[int | None, Identity | None]:
    """(the index of the one copy keeping every identity, the first identity the
    other breaks); (None, None) where both keep them, both break one, or a blank
    cell leaves one copy unjudged."""
    judged = [_judge(c, identities) for c in copies]
    for k, (holds, _) in enumerate(judged):
        other_holds, broken = judged[1 - k]
        if holds is True and other_holds is False:
            return k, broken
    return None, None


def _judge(read, identities: tuple[Identity, ...]) -> tuple[bool | None, Identity | None]:
    """(True, None) where every identity holds over the copy's cells; (False, the
    first it breaks) where one does not; (None, None) where a blank leaves one unjudged."""
    if not identities:
        return None, None
    judged = True

    def value(code: str):
        _, row, col = split_code(code)
        return read.cells.get(row, {}).get(col)

    for ident in identities:
        both = sums(ident, value)
        if both is None:
            judged = False
        elif both[0] != both[1]:
            return False, ident
    return (True, None) if judged else (None, None)
