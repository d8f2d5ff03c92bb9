"""Figures with a digit of a doubted PDF font: a font that draws one digit only, which
lies or whose glyph lies nearer another digit than the one its ToUnicode map says (an
italic 7 said to be 1, a bold 2 said to be 1 under a map for another subset;
ingest/pdf_digits). One glyph cannot prove the map either way, so the loader gives
such a digit as a doubted character holding both the digit the map says and the
digit the glyph looks most like (`pdf_digits.doubted_char`).

A figure holding one is read with the map's digit, else with the look-alike (the same
for each of its doubted digits: one font, one glyph), only where that figure is
certainly the cell's, as a parenthesised count is (paren_cells.settle_figures): every
identity of tables 三 and 四 it takes part in whose cells are all read holds with it
and at least one does, or the report's prose states it. At most one of the two can
hold: an identity fixes the cell's value. Otherwise the cell stays null with a finding
(F-VALUE, digit_unread). The notes show the text as the map gives it; a kept cell's
provenance, the figure as read.
"""

from __future__ import annotations

import re

from ..ingest.document import Line
from ..ingest.pdf_digits import doubted_digits
from ..model import Note, Report
from ..standard.spec import Template
from .cells import DOUBTED_RANGE
from .paren_cells import settle_figures

_FIGURE = re.compile(f"^(?=.*[{DOUBTED_RANGE}])[0-9{DOUBTED_RANGE}]{{1,9}}$")
DOUBTS = ("digit_doubted", "digit_unread", "digit_unread")


def reading(text: str, which: int) -> str:
    """`text` with each doubted character as the digit its map says (`which` 0) or the
    digit its glyph looks like (1)."""
    return "".join(str(doubted_digits(ch)[which]) if doubted_digits(ch) else ch for ch in text)


def _figure(which: int):
    def figure(text: str) -> int | None:
        """The figure of a cell of digits and doubted digits in reading `which`; None for
        anything else (a doubted digit beside letters, a sign or a point stays unread)."""
        text = text.strip()
        if not _FIGURE.match(text):
            return None
        digits = reading(text, which)
        return int(digits) if len(digits) == 1 or digits[0] != "0" else None
    return figure


def settle_doubted(report: Report, template: Template, t3_rows: list[str], notes: list[Note],
                   lines: list[Line]) -> list[Note]:
    """The notes, each doubted figure's value_text note replaced by one saying how it
    was read: kept (digit_doubted, with the identity or 正文 confirming the map's
    reading or the look-alike's) or null (digit_unread)."""
    said = settle_figures(report, template, t3_rows, notes, lines, _figure(0), DOUBTS)
    again = [Note("value_text", n.cells, line=n.line, page=n.page, excerpt=n.excerpt,
                  data={"text": n.data["text"]}) if n.kind == DOUBTS[1] else n for n in said]
    out = settle_figures(report, template, t3_rows, again, lines, _figure(1), DOUBTS)
    first = {id(n) for n in said}
    for note in out:
        if note.kind not in DOUBTS[:2] or id(note) in first and note.kind != DOUBTS[0]:
            continue
        shown = str(note.data.get("text", ""))
        which = 1 if note.kind == DOUBTS[0] and id(note) not in first else 0
        note.data["text"] = reading(shown, 0)  # what the text layer says
        if note.kind == DOUBTS[1]:  # neither reading confirmed: both named
            readings = [_figure(k)(shown) for k in (0, 1)]
            note.data["value"] = "或".join(dict.fromkeys(str(v) for v in readings if v is not None))
        for code in note.cells:
            seen = (report.provenance or {}).get(code)
            if seen is not None and seen.text:
                seen.text = reading(seen.text, which)
    return out


__all__ = ["DOUBTS", "reading", "settle_doubted"]
