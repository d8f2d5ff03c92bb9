"""The order of table 二's columns in each block, as the block's header names them.

A portal's template or an editor's copy may print a block's columns in another
order than the form's (本年废止件数 before 本年制发件数), the numbers under each
name moving with it. No identity binds table 二's columns, so only the header can
tell: where the header over a row names each of the row's columns once, the row
is read by those names. Where it names them out of the form's order but not each
once (one lost, one twice), it does not say which number is whose: the row is
left null (a misaligned note: F-TABLE), never read by place against the header. A header
that names nothing (left out) or names the columns in the form's
order keeps the form's order; a header cut mid-word over the lines below it
(本年制 / 发件数) names its columns once the pieces are joined (cut_header): it says
nothing (the form's order) where they join into no words, and leaves the rows of
more than one column null where they join more than one way and the text's layout
does not tell which (a name whole on one line among others' pieces orders nothing).

A header governs the rows under it up to the next header or block caption
(第二十条第（X）项), so a block without a readable header never takes an earlier
block's order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..ingest.document import Line
from ..standard.normalize import normalize_label
from ..standard.spec import Column, Table
from .cut_header import UNORDERED, cut_orders, cut_pieces, placed_names

UNCLEAR = ()  # the header names the row's columns out of order, but not each once
UNREAD = ("?",)  # a cut header whose pieces tell no one order: no row under it is read
_DIGIT = re.compile(r"\d")
# a character every header line and caption holds one of (件数, 金额, 增/减, 信息内容,
# 第二十条), even letter-spaced: a line without any is no header
_CUES = re.compile("[数额增信第]")


@lru_cache(maxsize=8)
def _words(table: Table) -> tuple[re.Pattern, dict[str, str]]:
    """The words a header prints for the table's columns (label and variants,
    normalised), each naming one column; a variant two columns share (2019's 本年新)
    names none."""
    owners: dict[str, set[str]] = {}
    for col in table.columns:
        for word in (col.label, *col.synonyms):
            owners.setdefault(normalize_label(word), set()).add(col.code)
    words = {w: next(iter(c)) for w, c in owners.items() if len(c) == 1}
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))), words


def column_words(table: Table) -> dict[str, str]:
    """Normalised word -> the column it names (a word two columns share names none)."""
    return _words(table)[1]


def header_lines(table: Table, lines: list[Line]) -> dict[int, tuple[str, ...] | None]:
    """Line number -> the column codes the header governing that line names, in
    printed order (None: no header governs it)."""
    current: tuple[str, ...] | None = None
    out: dict[int, tuple[str, ...] | None] = {}
    for i, line in enumerate(lines):
        if _CUES.search(line.text) is not None:  # most lines, rows of figures, have none
            kind, names = _line_kind(table, line.text)
            if kind == "header":
                current = _cut_names(table, lines, i, names)
            elif kind == "caption":
                current = None  # a new block: its own header, or none
        out[line.number] = current
    return out


def _cut_names(table: Table, lines: list[Line], at: int,
               names: tuple[str, ...]) -> tuple[str, ...]:
    """The columns a header cut mid-word over the lines below it (本年制 / 发件数)
    names once its pieces are joined (cut_header), some names perhaps whole on one
    line among the others' pieces; `names` where the lines hold no pieces or they
    join into no words; `UNREAD` where they join more than one way and the text's
    layout does not say which (PDF text keeps no column)."""
    if not cut_pieces([ln.text for ln in lines[at:at + 2]], _words(table)[1]):
        return names
    below = []
    for line in lines[at + 1:at + 6]:
        if _DIGIT.search(line.text) or _line_kind(table, line.text)[0] is not None:
            break
        below.append(line.text)
    texts = [lines[at].text] + below
    orders = cut_orders(texts, _words(table)[1]) if below else None
    if not orders:
        return names
    if orders is not UNORDERED and len(orders) == 1:
        return next(iter(orders))
    placed = placed_names(texts, _words(table)[1])
    return placed if orders is not UNORDERED and placed in orders else UNREAD


@lru_cache(maxsize=4096)
def _line_kind(table: Table, raw: str) -> tuple[str | None, tuple[str, ...]]:
    """("header", the columns it names), ("caption", ()) for a block's 第二十条 line,
    or (None, ()). Cached: the same header lines recur in every report."""
    pattern, words = _words(table)
    text = normalize_label(raw)
    names = tuple(words[m] for m in pattern.findall(text))
    if text.startswith("信息内容") or len(names) >= 2:
        return "header", names
    return ("caption" if text.startswith("第二十条") else None), ()


def printed_order(names: tuple[str, ...] | None,
                  cols: tuple[Column, ...]) -> tuple[Column, ...] | None:
    """`cols` (a row's, in the form's order) in the order `names` prints them;
    None where the header does not contradict the form's order; `UNCLEAR` where
    it does without naming each column once."""
    if not names or len(cols) < 2:
        return None
    if names == UNREAD:
        return UNCLEAR
    codes = [c.code for c in cols]
    named = [n for n in names if n in codes]
    if named == codes:
        return None
    if sorted(named) == sorted(codes):
        by_code = {c.code: c for c in cols}
        return tuple(by_code[n] for n in named)
    once = [n for n in named if named.count(n) == 1]
    in_form = [n for n in codes if n in once]
    return None if once == in_form and len(once) == len(named) else UNCLEAR
