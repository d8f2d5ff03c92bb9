"""Two pages printed on one sheet (2-up), or a page set in two columns.

Lines are built across the whole page width, so on such a sheet the left page's
lines and the right page's lines at one height become one line ("二、主动公开…
四、政府信息…"), and a table of the right page is read before the title of the
left one. A sheet is cut in two where an empty vertical band (the gutter) runs
down its whole height near its middle, and each side holds prose of its own (a
line with a long run of text): a table without rulings has such a band between
its labels and its numbers too, but no prose right of it, so it is never cut.
Pure functions of `pdf_layout.Char` and `Edge` lists.
"""

from __future__ import annotations

import re

from .pdf_layout import Char, Edge
from .pdf_text import text_lines

MIN_GUTTER = 14.0  # points of nothing between the two sides
MIDDLE = (0.3, 0.7)  # where the gutter's middle may lie, as shares of the content's width
MIN_PROSE_LINES = 2  # lines of prose each side must hold
_PROSE = re.compile(r"\S{12}")  # a run of text no table cell of numbers or short heads holds


def split_columns(chars: list[Char], edges: list[Edge]) -> list[tuple[list[Char], list[Edge]]]:
    """The page's characters and edges as one part, or as its left and right side
    when the page is two pages or two columns (read left side first)."""
    at = gutter(chars, edges)
    if at is None:
        return [(chars, edges)]
    left = [c for c in chars if c.x0 + c.x1 < 2 * at]
    right = [c for c in chars if c.x0 + c.x1 >= 2 * at]
    if not (_prose(left) and _prose(right)):
        return [(chars, edges)]
    return [(left, [e for e in edges if e.x0 < at]), (right, [e for e in edges if e.x0 >= at])]


def gutter(chars: list[Char], edges: list[Edge]) -> float | None:
    """The middle of the widest empty vertical band, at least MIN_GUTTER wide,
    crossing no character, rule or table edge, whose middle lies in the MIDDLE
    of the content's width; None when there is none."""
    spans = sorted([(c[1], c[2]) for c in chars if not c[0].isspace()]
                   + [(e[1], e[3]) for e in edges])
    if len(spans) < 2:
        return None
    low, high = spans[0][0], max(x1 for _, x1 in spans)
    first, last = low + MIDDLE[0] * (high - low), low + MIDDLE[1] * (high - low)
    best, width = None, MIN_GUTTER
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= width and first <= (x0 + reach) / 2 <= last:
            best, width = (x0 + reach) / 2, x0 - reach
        reach = max(reach, x1)
    return best


def _prose(chars: list[Char]) -> bool:
    lines = [text for _, text in text_lines(chars) if _PROSE.search(text)]
    return len(lines) >= MIN_PROSE_LINES


__all__ = ["gutter", "split_columns"]
