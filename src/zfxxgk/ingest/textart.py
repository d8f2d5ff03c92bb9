"""Tables drawn with box-drawing characters in plain text.

Text exported by some editors, converters and terminal tools draws a table's
grid with characters: rows between rule lines (``├────┼────┤``) and cells set off
by vertical bars (``│``, ``┃``, ``║``, the full-width ``｜``). The parser reads
cells set off by ``|`` (Markdown); a row drawn with other bars is the same row,
so the bars become ``|`` and the rule lines, which hold no cell, become empty.
Line numbers stay those of the file.
"""

from __future__ import annotations

import re

_BARS = "│┃║┆┇┊┋╎╏｜"
_TO_PIPE = str.maketrans({c: "|" for c in _BARS})
# a character of the Unicode box-drawing block, or a full-width bar
_DRAWN = re.compile(r"[\u2500-\u257f｜]")
# a line drawing only the grid: box-drawing characters, ASCII rule characters, spaces
_RULE = re.compile(r"^[\u2500-\u257f｜+\-=:|\s]*$")


# what every drawn table holds: a bar between cells or a rule line's stroke
_TELLTALES = _BARS + "─━═"


def has_drawn_table(text: str) -> bool:
    """Cheap test for the whole text: most reports draw nothing. A dozen substring
    tests first, as they are faster on a whole file than one class search."""
    return any(c in text for c in _TELLTALES) and _DRAWN.search(text) is not None


def undraw(line: str) -> str:
    """A drawn row with ``|`` between its cells, a rule line empty, any other line
    as it is. A single full-width ``｜`` is no cell border: titles put one between
    a site's name and the report's (a drawn row of two cells has box bars)."""
    if not _DRAWN.search(line):
        return line
    if _RULE.match(line):
        return ""
    if line.count("｜") == 1 and not any(c in line for c in _BARS[:-1]):
        return line
    return line.translate(_TO_PIPE)
