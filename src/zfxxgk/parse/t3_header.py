"""The order of table 三's columns, as its header names them.

A portal's template may print the applicant kinds in another order than the
form's (科研机构 before 商业企业), 总计 first or between them, or the five kinds of
法人或其他组织 as a group over its sub-kinds in another order; the numbers under
each name move with it. Identities cannot tell (every column adds up as well in
either place), so the order is the header's where it names each kind once.

A header that names the kinds out of the form's order but not each once (a kind
twice, one left out: an editor's slip) does not say which number is whose: the
table is not read (`UNCLEAR`, null with F-TABLE) rather than read by place
against the header; but where its cells show (tabs, bars) and exactly one is blank
while the six others name six kinds once, the blank one is the kind not named;
so under a 法人或其他组织 group whose line below leaves one of its five cells blank.
A header that does not contradict the form's order (no names found, some lost,
one misspelt in place) keeps the form's order. Where 总计 is not named with the
kinds (a spanning cell's text a line above), the rows place it; where none can (its
totals disagree with their parts either way), a header naming the kinds in another
order than the form's says nothing of it: `UNCLEAR`. A header no line of which
names the kinds, cut mid-word over several lines (自然 / 人), names them once its
pieces are joined (cut_header); pieces that join more than one way or into no
words (a two-level header wrapped in PDF text) say nothing, as a header naming none.
"""

from __future__ import annotations

import re

from ..ingest.document import Line
from .cut_header import AMBIGUOUS, UNJOINED, UNORDERED, cut_orders, joined_names, placed_names
from .stream import Item, LabelItem

# the applicant kinds and 总计 in the form's order, with the words headers print
# for them; 法人或其他组织 (the group over the five sub-kinds) is GROUP
_NAMES = (("自然人",), ("商业企业",), ("科研机构",), ("社会公益组织",), ("法律服务机构",),
          ("其他组织", "其他", "其它"), ("总计", "合计"))
GROUP = -1
_WORDS = {"法人或其他组织": GROUP} | {w: i for i, ws in enumerate(_NAMES) for w in ws}
_TOKEN = re.compile("|".join(sorted(_WORDS, key=len, reverse=True)))
_SUBS = range(1, 6)
_FORM = tuple(range(len(_NAMES)))
UNCLEAR = ()  # the header names the kinds in another order, but not each once
_SPACE = re.compile(r"\s+")
_NOTE = re.compile(r"（[^（）]*）|\([^()]*\)")  # the form's note on the identities
_PROSE = re.compile(r"[，。；,;]")
_CELL = re.compile(r"\t|\|")  # a cell's edge where a blank cell shows


def column_order(lines: list[Line], items: list[Item]) -> tuple[int, ...] | None:
    """The form's column index of each column table 三 prints, in printed order,
    where the header (the lines above its first row) names the six kinds and 总计
    each once in another order; None for the form's order or a header that does
    not contradict it (each name once in its place, or in the form's order where
    fewer are found); `UNCLEAR` for one that does without naming each once.

    Only names on one line tell their order: the line naming 自然人 (or, its cell
    blank, the one naming most kinds) orders it, 总计 and 法人或其他组织 (a
    spanning cell's text may stand a line above: then the group follows 自然人 and
    总计 is last, unless the rows say first, `_total_place`); the sub-kinds on
    other lines are ordered only where all five are found (a PDF's narrow cells
    wrap names into pieces)."""
    first = next((it.line.number for it in items if isinstance(it, LabelItem)), None)
    head = [ln for ln in lines if first is None or ln.number < first]
    rows = [_tokens(ln.text) for ln in head]
    top = _top(rows)
    # a two-level header's sub-kinds: the lines below 自然人's and 法人或其他组织's (a
    # line the form's note shares is no prose for this)
    upper = [i for i, ln in enumerate(head) if "自然人" in ln.text or "法人或其他组织" in ln.text]
    two_level = any("法人或其他组织" in head[i].text for i in upper)
    texts = [ln.text for ln in (head[max(upper) + 1:] if two_level else head)]
    read = _cut_reading(texts, tuple(_SUBS) if two_level else _FORM)
    if read == UNCLEAR:
        return UNCLEAR
    if read is not None and not two_level:
        top = None  # a line naming some kinds whole among others' pieces orders nothing alone
    cut = read if not two_level else None
    if two_level and top is None and read not in (None, tuple(_SUBS)):
        return UNCLEAR  # the kinds in another order under a group no line orders
    if top is None and cut is None:
        cut = joined_names([ln.text for ln in head], _WORDS)
    if cut in (AMBIGUOUS, UNJOINED) or cut is not None and GROUP in cut:
        cut = None  # pieces that tell no order (a two-level header wrapped): as no names
    if top is None and cut is None:  # no header names the kinds: the form's order, unless the rows deny it
        return None if _total_place(items, len(_FORM) - 1) != 0 else UNCLEAR
    names = list(cut) if cut is not None else _blank_named(head[top].text, rows[top])
    if cut is None and not any(t in _SUBS for t in names):  # a group header: the sub-kinds on other lines
        found = [(i, [t for t in r if t in _SUBS]) for i, r in enumerate(rows) if i != top]
        found = [(i, subs) for i, subs in found if subs]
        subs = [t for _, r in found for t in r]
        if two_level and read is not None:
            subs = list(read)  # the sub-kinds cut over the lines below, joined
        elif len(found) == 1:
            subs = _blank_sub(head[top].text, head[found[0][0]].text, subs) or subs
        subs = _sub_order(subs)
        if subs == UNCLEAR:
            return UNCLEAR
        if GROUP not in names:
            names.insert(names.index(0) + 1, GROUP)
        names = [s for t in names for s in (subs if t == GROUP else (t,))]
    names = [t for t in names if t != GROUP]
    if _FORM[-1] not in names:
        place = _total_place(items, len(names))
        if place is None:  # the rows cannot tell: last only under the form's own order
            place = len(names) if _order(names, _FORM[:-1]) is None else None
        if place is None:
            return UNCLEAR
        names.insert(place, _FORM[-1])
    return _order(names, _FORM)


def unprinted_column(lines: list[Line], items: list[Item]) -> int | None:
    """The form's column index of the one column table 三 does not print (a portal's
    template left it out: unprinted.py), where the header names the six others once
    in the form's order, in cells with none blank (its line naming the kinds, or a
    two-level header's: `_two_level_names`), no header line names the seventh, and
    the rows print six numbers (none seven); a kind left out only where each such
    row's total is no less than its printed kinds, 总计 only where no row's last
    number sums two or more others (a header naming a kind the rows do not print).
    None otherwise."""
    first = next((it.line.number for it in items if isinstance(it, LabelItem)), None)
    head = [ln for ln in lines if first is None or ln.number < first]
    rows = [_tokens(ln.text) for ln in head]
    names = _two_level_names(head, rows) if any(GROUP in r for r in rows) else _one_line_names(head, rows)
    if names is None:
        return None
    missing = [i for i in _FORM if i not in names]
    if len(missing) != 1 or names != sorted(set(names)) or any(missing[0] in r for r in rows):
        return None
    widths = [[c.value for c in it.values.stripped] for it in items
              if isinstance(it, LabelItem) and it.values is not None]
    six = [w for w in widths if len(w) == len(_FORM) - 1]
    if not six or len(six) * 2 <= len(widths) or any(len(w) >= len(_FORM) for w in widths):
        return None
    counts = [w for w in six if all(type(v) is int for v in w)]
    if missing[0] != _FORM[-1] and any(w[-1] < sum(w[:-1]) for w in counts):
        return None  # a kind left out: no row's total less than its printed kinds
    if missing[0] == _FORM[-1] and any(w[-1] == sum(w[:-1]) and sum(map(bool, w[:-1])) > 1
                                       for w in counts):
        return None  # 总计 left out, yet a row ends with the sum of its other numbers
    return missing[0]


def _one_line_names(head: list[Line], rows: list[list[int]]) -> list[int] | None:
    """The names of the header line that orders the columns (`_top`), where its cells
    show none blank (a blank one may be a column printed without its name)."""
    top = _top(rows)
    if top is None or _blank_named(head[top].text, rows[top]) != rows[top] \
            or "" in _named_cells(head[top].text):
        return None
    return rows[top]


def _two_level_names(head: list[Line], rows: list[list[int]]) -> list[int] | None:
    """A two-level header's names in printed order: the one line naming 法人或其他组织
    (beside 自然人 and 总计, no sub-kind), the group replaced by the sub-kinds the one
    line below it names (nothing else, its cells between them none blank). None for
    any other header."""
    groups = [i for i, r in enumerate(rows) if GROUP in r]
    subs = [i for i, r in enumerate(rows) if any(t in _SUBS for t in r)]
    if len(groups) != 1 or len(subs) != 1 or subs[0] <= groups[0]:
        return None
    upper, lower = rows[groups[0]], rows[subs[0]]
    if upper.count(GROUP) != 1 or any(t not in _SUBS for t in lower):
        return None
    cells = _named_cells(head[subs[0]].text)
    while cells and not cells[0]:
        cells = cells[1:]  # under the spanning cells of the row labels and 自然人
    if "" in cells[:len(lower)]:
        return None
    return [s for t in upper for s in (lower if t == GROUP else (t,))]


def _named_cells(text: str) -> list[str]:
    """A header line's cells where tabs or bars show them, after the row labels'
    cell (the form's note); none for a line of spaces."""
    if not _CELL.search(text):
        return []
    cells = [c.strip() for c in _CELL.split(text.strip().strip("|"))]
    return cells[1:] if cells and not _tokens(cells[0]) else cells


def _cut_reading(texts: list[str], form: tuple[int, ...]) -> tuple[int, ...] | None:
    """The names a header cut mid-word (or its names whole on several lines) prints,
    in order, where every joining of its pieces gives one order, or where several
    do (a short name centred on a line of its own fits anywhere: 商业企 / 其他 / 业)
    and the text is laid out by position so that the pieces one above the other
    make one of them; None where the lines are no such header or their pieces join
    into no words; `UNCLEAR` where the order cannot be told."""
    orders = cut_orders(texts, _WORDS)
    if not orders:
        return None
    if orders is UNORDERED:
        return UNCLEAR
    orders = {tuple(t for t in o if t != GROUP) for o in orders}
    if len(orders) == 1:
        return next(iter(orders))
    placed = placed_names(texts, _WORDS)  # text laid out by position: the one the places give
    placed = placed and tuple(t for t in placed if t != GROUP)
    if placed in orders:
        return placed
    # a name alone on a line of its own fits anywhere: the others, in one order that
    # is the form's, are read as a header naming those alone (the lone name's place
    # is then the form's, or the rows' for 总计)
    alone = {_WORDS[w] for w in map(_SPACE.sub, [""] * len(texts), texts) if w in _WORDS}
    rest = {tuple(t for t in o if t not in alone) for o in orders}
    if len(rest) == 1 and _order(list(next(iter(rest))), form) is None:
        return next(iter(rest))
    return UNCLEAR


def _total_place(items: list[Item], kinds: int) -> int | None:
    """Where 总计 stands where no line names it with the kinds (a spanning cell's
    text printed a line above, or not at all): last, as in the form, unless the
    rows say first: no row printing its seven numbers has the last the sum of the
    others, and two or more have the first (read last, every column would take
    its neighbour's number). None where no row tells and one adds up neither way
    (a table published with totals that disagree): the place is unknown."""
    last = first = 0
    neither = False
    for it in items:
        if not isinstance(it, LabelItem) or it.values is None:
            continue
        values = [c.value for c in it.values.stripped]
        if len(values) != len(_FORM) or not all(type(v) is int for v in values):
            continue
        at_last, at_first = sum(values[:-1]) == values[-1], sum(values[1:]) == values[0]
        if at_last != at_first:  # a row of zeros (or one kind's alone) holds either way
            last, first = last + at_last, first + at_first
        neither = neither or not (at_last or at_first)
    if last == first == 0 and neither:
        return None
    return 0 if last == 0 and first >= 2 else kinds


def _top(rows: list[list[int]]) -> int | None:
    """The header line that orders the columns: the one naming 自然人; where none
    does (its cell left blank), the one naming most kinds, three or more."""
    top = next((i for i, r in enumerate(rows) if 0 in r), None)
    if top is None:
        most = max(range(len(rows)), key=lambda i: len(set(rows[i])), default=None)
        top = most if most is not None and len(set(rows[most])) >= 3 else None
    return top


def _blank_named(text: str, names: list[int]) -> list[int]:
    """`names` with the one kind they lack put in the one header cell left blank,
    where the line's cells (tabs or bars: a blank cell shows) are the seven columns,
    perhaps after the row labels' cell, every other one naming one kind: the
    column of the kind not named is the one without a name. Else `names`."""
    missing = [i for i in _FORM if i not in names]
    if len(missing) != 1 or len(names) != len(_FORM) - 1 or sorted(names) != sorted(set(names)):
        return names
    cells = [c.strip() for c in _CELL.split(text.strip().strip("|"))]
    if len(cells) == len(_FORM) + 1 and not _tokens(cells[0]):
        cells = cells[1:]  # the row labels' cell
    if len(cells) != len(_FORM) or [_tokens(c) for c in cells if c] != [[t] for t in names]:
        return names
    return [_tokens(c)[0] if c else missing[0] for c in cells]


def _tokens(text: str) -> list[int]:
    """The kinds a header line names, in order; none for a sentence."""
    text = _NOTE.sub("", _SPACE.sub("", text))
    return [] if _PROSE.search(text) else [_WORDS[m] for m in _TOKEN.findall(text)]


def _blank_sub(top: str, low: str, subs: list[int]) -> list[int] | None:
    """The five sub-kinds under 法人或其他组织 where the line below names four once
    and leaves one cell of the group blank: the cells (tabs or bars) of both lines
    line up, the group's spanning the five columns under it; the blank one is the
    kind not named. None where the cells do not show it."""
    missing = [i for i in _SUBS if i not in subs]
    if len(missing) != 1 or len(subs) != len(_SUBS) - 1:
        return None
    upper, lower = ([c.strip() for c in _CELL.split(t)] for t in (top, low))
    if len(upper) != len(lower) or [[GROUP]] != [_tokens(c) for c in upper if GROUP in _tokens(c)]:
        return None
    at = next(k for k, c in enumerate(upper) if GROUP in _tokens(c))
    span = upper[at:at + len(_SUBS)]
    if len(span) != len(_SUBS) or any(span[1:]) or (len(upper) > at + 5 and not upper[at + 5]):
        return None
    cells = lower[at:at + len(_SUBS)]
    if [_tokens(c) for c in cells if c] != [[t] for t in subs] or any(_tokens(c) for c in lower[:at]):
        return None
    return [_tokens(c)[0] if c else missing[0] for c in cells]


def _sub_order(subs: list[int]) -> tuple[int, ...] | None:
    """The five sub-kinds in printed order where all are found; the form's where
    fewer are (or their names say nothing against it)."""
    order = _order(subs, tuple(_SUBS))
    return tuple(_SUBS) if order is None else order


def _order(names: list[int], form: tuple[int, ...]) -> tuple[int, ...] | None:
    """`names` as an order of `form` where they name each once in another order;
    None where they do not contradict `form` (each name once in its place, or
    those found in its order); `UNCLEAR` where they do."""
    if sorted(names) == list(form):
        return None if tuple(names) == form else tuple(names)
    once = [t for t in names if names.count(t) == 1]
    if len(names) == len(form):  # a name for every column: each named once in its place
        fits = all(t == form[i] for i, t in enumerate(names) if t in once)
    else:  # names lost: those found in the form's order
        fits = once == sorted(once)
    return None if fits else UNCLEAR
