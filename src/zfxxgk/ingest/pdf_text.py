"""Characters -> words -> lines of text, for the prose and for each table cell.

Pure functions of `pdf_layout.Char` lists, the same for both engines. The rules
are pdfplumber's default text extraction, the reference the samples were made
with (the shared `real/*.txt` are its `extract_text()`): characters within
3 points vertically share a line; a word ends at a blank, at a gap of more than
3 points or where the next character starts left of the previous one; words on
a line are joined by one space, lines by a newline. Duplicated characters (a
bold face faked by printing twice) are dropped first.
"""

from __future__ import annotations

from itertools import groupby
from typing import NamedTuple, Sequence

from .pdf_layout import Char

X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
DEDUPE_TOLERANCE = 1.0
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


class Word(NamedTuple):
    text: str
    x0: float
    top: float
    chars: tuple[Char, ...]


def clusters(values: Sequence[float], tolerance: float) -> dict[float, int]:
    """Each value -> its cluster: sorted distinct values, a new cluster wherever
    the step from the previous value exceeds `tolerance`."""
    out: dict[float, int] = {}
    last = None
    k = -1
    for v in sorted(set(values)):
        if last is None or v > last + tolerance:
            k += 1
        out[v] = k
        last = v
    return out


def cluster_by(items: list, key, tolerance: float, keep_order: bool = False) -> list[list]:
    """Items grouped by `clusters` of their key: in cluster order (stable within a
    cluster), or, with `keep_order`, as runs of the items' own order."""
    ids = clusters([key(it) for it in items], tolerance)
    tagged = [(ids[key(it)], it) for it in items]
    if not keep_order:
        tagged.sort(key=lambda t: t[0])
    return [[it for _, it in run] for _, run in groupby(tagged, key=lambda t: t[0])]


def dedupe(chars: list[Char]) -> list[Char]:
    """Drop characters repeating another of the same text, font and size within
    one point: the first (topmost, then leftmost) of each cluster stays; the
    survivors keep the page order."""
    def key(c: Char):
        return (c.upright, c.text, c.font, c.size)

    order = {id(c): i for i, c in enumerate(chars)}
    keep: list[Char] = []
    for _, group in groupby(sorted(chars, key=key), key=key):
        for row in cluster_by(list(group), lambda c: c.top, DEDUPE_TOLERANCE):
            for col in cluster_by(row, lambda c: c.x0, DEDUPE_TOLERANCE):
                keep.append(min(col, key=lambda c: (c.top, c.x0, order[id(c)])))
    keep.sort(key=lambda c: order[id(c)])
    return keep


def _new_word(prev: Char, char: Char, upright: bool) -> bool:
    if upright:
        return (char.x0 < prev.x0 or char.x0 > prev.x1 + X_TOLERANCE
                or abs(char.top - prev.top) > Y_TOLERANCE)
    return (char.top < prev.top or char.top > prev.bottom + Y_TOLERANCE
            or abs(char.x0 - prev.x0) > X_TOLERANCE)


def _word(chars: list[Char]) -> Word:
    text = "".join(_LIGATURES.get(c.text, c.text) for c in chars)
    return Word(text, min(c.x0 for c in chars), min(c.top for c in chars), tuple(chars))


def words(chars: list[Char]) -> list[Word]:
    """Words line by line: runs of upright (or rotated) characters, each cut into
    lines (upright: by top; rotated: by left edge), each line read in order."""
    out: list[Word] = []
    for upright, run in groupby(chars, key=lambda c: c.upright):
        run = list(run)
        if upright:
            lines = cluster_by(run, lambda c: c.top, Y_TOLERANCE)
            order = lambda c: c.x0  # noqa: E731
        else:
            lines = cluster_by(run, lambda c: c.x0, X_TOLERANCE)
            order = lambda c: (c.top, c.bottom)  # noqa: E731
        for line in lines:
            current: list[Char] = []
            for char in sorted(line, key=order):
                if char.text.isspace():
                    if current:
                        out.append(_word(current))
                    current = []
                elif current and _new_word(current[-1], char, upright):
                    out.append(_word(current))
                    current = [char]
                else:
                    current.append(char)
            if current:
                out.append(_word(current))
    return out


def cell_text(chars: list[Char]) -> str:
    """A table cell's text: its words regrouped into lines by top, one space
    between words, a newline between lines (`grid.cell_text` joins them later)."""
    lines = cluster_by(words(chars), lambda w: w.top, Y_TOLERANCE)
    return "\n".join(" ".join(w.text for w in line) for line in lines)


def text_lines(chars: list[Char]) -> list[tuple[float, str]]:
    """A page's (or a region's) lines as (top, text), in the order the words come:
    prose outside the tables, or the whole page on the text path."""
    out = []
    for line in cluster_by(words(chars), lambda w: w.top, Y_TOLERANCE, keep_order=True):
        out.append((min(w.top for w in line), " ".join(w.text for w in line)))
    return out


def page_text(chars: list[Char]) -> str:
    return "\n".join(text for _, text in text_lines(chars))


__all__ = ["Word", "cell_text", "cluster_by", "clusters", "dedupe", "page_text",
           "text_lines", "words"]
