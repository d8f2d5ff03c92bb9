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
from operator import itemgetter
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


def dedupe(chars: list[Char], among: Sequence[int] | None = None) -> list[Char]:
    """Drop characters repeating another of the same text, font and size within
    one point: the first (topmost, then leftmost) of each cluster stays; the
    survivors keep the page order. Most characters have no twin: only groups of
    two or more are clustered, and only `among` these indexes when the engine
    knows that no other character can have a twin (`twin_candidates`)."""
    drop: set[int] = set()
    for members in _groups(chars, lambda c: (c.upright, c.text, c.font, c.size), among):
        drop.update(_twins(members))
    return [c for i, c in enumerate(chars) if i not in drop] if drop else list(chars)


def twin_candidates(chars: list[Char]) -> list[int]:
    """Indexes of the characters that may have a twin, fonts not yet known: the
    members of `dedupe`'s clusters when characters are grouped by text and size
    only. An engine that pays per font lookup asks only for these."""
    out: list[int] = []
    for members in _groups(chars, lambda c: (c.upright, c.text, c.size)):
        for col in _clusters_of_twins(members):
            out.extend(i for _, _, i in col)
    return sorted(out)


def _groups(chars: list[Char], key,
            among: Sequence[int] | None = None) -> list[list[tuple[float, float, int]]]:
    """(top, x0, index) of the characters sharing `key`, groups of two or more."""
    groups: dict[tuple, list] = {}
    for i in range(len(chars)) if among is None else among:
        c = chars[i]
        groups.setdefault(key(c), []).append((c.top, c.x0, i))
    return [g for g in groups.values() if len(g) > 1]


def _twins(members: list[tuple[float, float, int]]) -> list[int]:
    """Indexes of the duplicates among characters of one text, font and size:
    each cluster keeps its topmost-leftmost (the first on the page on a tie)."""
    out: list[int] = []
    for col in _clusters_of_twins(members):
        keep = min(col)
        out.extend(m[2] for m in col if m is not keep)
    return out


def _clusters_of_twins(members: list[tuple[float, float, int]]) -> list[list]:
    """Clusters by top, then by left edge (`clusters` with DEDUPE_TOLERANCE), of
    more than one member."""
    return [col for row in _chains(sorted(members), 0)
            for col in _chains(sorted(row, key=itemgetter(1)), 1)]


def _chains(ordered: list, k: int) -> list[list]:
    """Runs of `ordered` (sorted on item `k`) whose steps are within tolerance,
    of more than one member."""
    found, run = [], [ordered[0]]
    for m in ordered[1:]:
        if m[k] <= run[-1][k] + DEDUPE_TOLERANCE:
            run.append(m)
        else:
            if len(run) > 1:
                found.append(run)
            run = [m]
    if len(run) > 1:
        found.append(run)
    return found


def _new_word(prev: Char, char: Char, upright: bool) -> bool:
    if upright:
        return (char.x0 < prev.x0 or char.x0 > prev.x1 + X_TOLERANCE
                or abs(char.top - prev.top) > Y_TOLERANCE)
    return (char.top < prev.top or char.top > prev.bottom + Y_TOLERANCE
            or abs(char.x0 - prev.x0) > X_TOLERANCE)


def _word(chars: list[Char]) -> Word:
    text = "".join(_LIGATURES.get(c.text, c.text) for c in chars)
    if len(chars) == 1:
        return Word(text, chars[0].x0, chars[0].top, tuple(chars))
    return Word(text, min(c.x0 for c in chars), min(c.top for c in chars), tuple(chars))


def _by_x0(c: Char) -> float:
    return c.x0


def _by_top(c: Char) -> float:
    return c.top


def _down(c: Char) -> tuple[float, float]:
    return (c.top, c.bottom)


def words(chars: list[Char]) -> list[Word]:
    """Words line by line: runs of upright (or rotated) characters, each cut into
    lines (upright: by top; rotated: by left edge), each line read in order."""
    out: list[Word] = []
    for upright, run in groupby(chars, key=lambda c: c.upright):
        run = list(run)
        if upright:
            tops = [c.top for c in run]
            one_line = max(tops) - min(tops) <= Y_TOLERANCE  # a cell's number, a short label
            lines = [run] if one_line else cluster_by(run, _by_top, Y_TOLERANCE)
        else:
            lines = cluster_by(run, _by_x0, X_TOLERANCE)
        for line in lines:
            current: list[Char] = []
            for char in sorted(line, key=_by_x0 if upright else _down):
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
    if not chars:
        return ""
    if len(chars) == 1:
        return _LIGATURES.get(chars[0].text, chars[0].text).strip()
    found = words(chars)
    tops = [w.top for w in found]
    if not tops:
        return ""
    if max(tops) - min(tops) <= Y_TOLERANCE:
        return " ".join(w.text for w in found)
    lines = cluster_by(found, lambda w: w.top, Y_TOLERANCE)
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
           "text_lines", "twin_candidates", "words"]
