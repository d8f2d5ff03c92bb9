"""The order of table 三's columns, as its header names them.

A portal's template may print the applicant kinds in another order than the
form's (科研机构 before 商业企业), 总计 first or between them, or the five kinds of
法人或其他组织 as a group over its sub-kinds in another order; the numbers under
each name move with it. Identities cannot tell (every column adds up as well in
either place), so the order is the header's where it names each kind once.

A header that names the kinds out of the form's order but not each once (a kind
twice, one left out: an editor's slip) does not say which number is whose: the
table is not read (`UNCLEAR`, null with F-TABLE) rather than read by place
against the header. A header that does not contradict the form's order (no names
found, some lost, one misspelt in place) keeps the form's order.
"""

from __future__ import annotations

import re

from ..ingest.document import Line
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


def column_order(lines: list[Line], items: list[Item]) -> tuple[int, ...] | None:
    """The form's column index of each column table 三 prints, in printed order,
    where the header (the lines above its first row) names the six kinds and 总计
    each once in another order; None for the form's order or a header that does
    not contradict it (each name once in its place, or in the form's order where
    fewer are found); `UNCLEAR` for one that does without naming each once."""
    first = next((it.line.number for it in items if isinstance(it, LabelItem)), None)
    tokens: list[int] = []
    for ln in lines:
        if first is not None and ln.number >= first:
            continue
        text = _NOTE.sub("", _SPACE.sub("", ln.text))
        if not _PROSE.search(text):  # a sentence is no header
            tokens += [_WORDS[m] for m in _TOKEN.findall(text)]
    tokens = _spliced(tokens)
    if sorted(tokens) == list(_FORM):
        return None if tuple(tokens) == _FORM else tuple(tokens)
    if len(tokens) == len(_FORM):  # a name for every column: each named once in its place
        fits = all(t == i for i, t in enumerate(tokens) if tokens.count(t) == 1)
    else:  # names lost: those found in the form's order
        once = [t for t in tokens if tokens.count(t) == 1]
        fits = once == sorted(once)
    return None if fits else UNCLEAR


def _spliced(tokens: list[int]) -> list[int]:
    """The header's names in column order: 法人或其他组织 printed over its sub-kinds
    (a line below, perhaps after 总计 in the line above) stands for them, in their
    printed order; a group name after a sub-kind is no column."""
    if GROUP not in tokens:
        return tokens
    at = tokens.index(GROUP)
    if any(t in _SUBS for t in tokens[:at]):
        return [t for t in tokens if t != GROUP]
    rest = tokens[at + 1:]
    subs = [t for t in rest if t in _SUBS]
    return tokens[:at] + subs + [t for t in rest if t not in _SUBS and t != GROUP]
