"""Where the text leaves in doubt which cell a printed number is: rows then stay null.

Numbers wrapped inside a narrow table cell (PDF text without ruling lines):

A cell too narrow for its number prints it over two lines (`1638` as `16` above
`38`, `358件` as `358` above `件`), so the row's text line holds only the first
pieces and a line below, beside the rest of the wrapped label, holds the others.
The pieces cannot be put back together from text alone (which cells wrapped is
not said), so a row with such a line under it is read only when its own
identity (the 总计 cell is the sum of the others) still holds; otherwise its
cells stay null with a misaligned note. Table 四 read from several lines of
several numbers each is in the same case: the reading order of a wrapped row is
not the order of its cells, so its groups must add up.

Numbers paired with labels by order only (text copied from a PDF column by column:
all labels, then each column's numbers): the pairing holds only when the groups
fit their rows' widths; when most do not, the numbers are columns, not rows.
"""

from __future__ import annotations

import dataclasses
import re

from ..ingest.document import Line
from .stream import Assigned, ValueGroup, even_gaps, spaced

NEAR = 2  # a wrapped cell's second line lies at most this many lines below


def wrapped_rows(assigned: dict[str, Assigned], items: list, row_check) -> set[str]:
    """Rows whose numbers look cut by wrapping: a group of numbers that no row
    took lies just below the row's line, and the row's own identity fails or
    cannot be checked (a blank or dash cell)."""
    if row_check is None:
        return set()
    taken = {id(a.values) for a in assigned.values() if a.values is not None}
    stray = [it.line.number for it in items
             if isinstance(it, ValueGroup) and id(it) not in taken and it.stripped]
    if not stray:
        return set()
    out = set()
    for code, a in assigned.items():
        group = a.values
        if group is None:
            continue
        last = max(ln.number for ln in group.lines or (group.line,))
        if not any(0 < s - last <= NEAR for s in stray):
            continue
        values = [c.value for c in group.stripped]
        if None in values or not row_check(values):  # a blank or dash: nothing to check by
            out.add(code)
    return out


def doubted_rows(assigned: dict[str, Assigned], fits: dict) -> dict[str, str]:
    """Table 二's rows of numbers set off by single spaces (`RowFit.witnessed`: a
    stray space inside one number and a blank cell lost beside it read the same,
    ``规章 2 454 568`` for 空|2|454568) whose printed reading is in doubt of itself,
    by why: "spacing" where the table's other rows set their cells off otherwise
    (tabs, bars, wider spaces): this row lost its cells' borders, so its count of
    numbers no longer says where a blank cell was. In a table printed all so,
    nothing tells a stray space and the row is read as printed (T2-2, 对外公开总数量
    under 本年新公开数量, is no witness: tables printed so break it as often)."""
    even = [code for code, fit in fits.items() if fit.witnessed and fit.joined]
    if not even:
        return {}
    groups = [a.values for a in assigned.values()
              if a.values is not None and len(a.values.stripped) > 1]
    single = sum(1 for g in groups if spaced(g) and even_gaps(g))
    apart = len(groups) - single
    return {code: "spacing" for code in even} if apart >= 2 and apart >= single else {}


def scrambled(groups: list[ValueGroup], rest: list[ValueGroup], values: list, check) -> bool:
    """Table 四 whose groups of five do not add up, read from several lines one of
    which holds several numbers (not one cell per line: the text's order is not
    the cells' order), or with more numbers just below the ones read (the rest of
    wrapped cells)."""
    if check(values):  # groups with a blank cell are not checked
        return False
    lines = {ln.number for g in groups for ln in (g.lines or (g.line,))}
    several = any(len(g.lines) <= 1 and len(g.stripped) > 1 for g in groups)
    below = any(0 < g.line.number - max(lines) <= NEAR for g in rest if g.stripped)
    return (len(lines) > 1 and several) or below


def misfit_pairs(assigned: dict[str, Assigned], widths: dict[str, int]) -> set[str]:
    """Rows given numbers from other lines (not beside their label) when at least
    half of those groups hold a count of numbers their row does not have: the
    order pairing read columns as rows. All of them are dropped."""
    floating = [code for code, a in assigned.items() if a.values is not None
                and (a.label is None or a.label.values is not a.values)]
    if len(floating) < 2:
        return set()
    misfit = [code for code in floating if not _fits(assigned[code].values, widths[code])]
    return set(floating) if 2 * len(misfit) >= len(floating) else set()


def _fits(group: ValueGroup, width: int) -> bool:
    """As many numbers as the row has cells, or one run of digits to be cut."""
    cells = group.stripped
    if len(cells) == width or group.glued:
        return True
    return len(cells) == 1 and width > 1 and cells[0].text.isdigit() and len(cells[0].text) > 1


# Header words of table 四 that its part's heading does not hold.
_T4_HEAD = re.compile(r"未经复议|复议后起诉|维\s*持|纠\s*正|审\s*结")


def review_head(text: str) -> bool:
    """A line of table 四's header (or a row naming its group), not its part's heading."""
    return _T4_HEAD.search(text) is not None and "情况" not in text


def after_review_header(groups: list[ValueGroup], lines) -> list[ValueGroup]:
    """Table 四's numbers print under its header. Numbers above the header's first
    line are another table's (text copied column by column puts table 三's last
    columns after part 四's heading) and are no cells of table 四. On the header's
    own line (the table printed as one run) they count after its words only."""
    head = [ln.number for ln in lines if review_head(ln.text)]
    if not head:
        return groups
    first = min(head)
    return [g for g in groups if g.line.number > first or g.line.number == first and g.start > 0]


# a row of table 四 printed after its group's name, its numbers run into it
_T4_GROUP_RUN = re.compile(r"^(\s*(?:行政复议|未经复议直接起诉|复议后起诉))(?=[0-9０-９])")


def group_name_apart(line: Line) -> Line:
    """Table 四 printed as three rows of five after their groups' names, a row's
    separators lost (``行政复议31004``): the name set off from the digits, which
    are then that row's run, cut with its own total (T4-1), not a word's end."""
    text = _T4_GROUP_RUN.sub("\\1\t", line.text)
    return line if text == line.text else dataclasses.replace(line, text=text)
