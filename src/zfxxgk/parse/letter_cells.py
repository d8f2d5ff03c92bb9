"""Figures printed with letters for some of their digits: a PDF's text layer whose
font maps a digit's glyph to the letter it looks like (S for 5, B for 8, Z for 2,
g for 9, b for 6; a 1 as a bar, | or 丨, that separates no cells: cells._bar_digits),
or a figure re-typed from such a copy (`1S4`, `Z66`, `13B`, `34丨`).

Read as printed the cell is no number (F-VALUE) and the figure is lost. The letter
stands for the digit it looks like only by likeness, which no text proves; so the
figure read so is kept only where it is certainly the cell's, as a parenthesised
count is (paren_cells.settle_figures): every identity of tables 三 and 四 it takes
part in whose cells are all read holds with it and at least one does, or the
report's prose states it. Its provenance keeps the text as printed and names what
confirmed it (`decided_by`); F-VALUE says so (warning). Otherwise the cell stays
null, the finding giving the reading no identity could confirm. O and l for 0 and 1
are read as digits where printed (cells.py); beside these letters they are read
with them.
"""

from __future__ import annotations

from ..ingest.document import Line
from ..model import Note, Report
from ..standard.normalize import nfkc
from ..standard.spec import Template
from .cells import DOUBTED_DIGIT, LETTER_FIGURE
from .paren_cells import settle_figures

_AS_DIGITS = str.maketrans("SBZgbOlIo|丨", "58296011011")
LETTERS = ("letter_figure", "letter_unread", "letter_unread")


def letter_figure(text: str) -> int | None:
    """156 for `15b`, 2 for `Z`, 341 for `34丨`; None for a cell that is no such figure (a word's
    letters, a figure with a point or a sign)."""
    text = nfkc(text).strip()
    if not LETTER_FIGURE.match(text) or DOUBTED_DIGIT.search(text):  # (doubted_cells' figure)
        return None
    digits = text.translate(_AS_DIGITS)
    return int(digits) if len(digits) == 1 or digits[0] != "0" else None


def settle_letters(report: Report, template: Template, t3_rows: list[str], notes: list[Note],
                   lines: list[Line]) -> list[Note]:
    """The notes, each letter figure's value_text note replaced by one saying how it
    was read: kept (letter_figure, with the identity or 正文 confirming it) or null
    (letter_unread)."""
    return settle_figures(report, template, t3_rows, notes, lines, letter_figure, LETTERS)
