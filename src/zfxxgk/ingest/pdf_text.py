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
from typing import Iterable, NamedTuple, Sequence

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
    keys = list(map(key, items))
    ids = clusters(keys, tolerance)
    tagged = [(ids[k], it) for k, it in zip(keys, items)]
    if not keep_order:
        tagged.sort(key=_first)
    return [[it for _, it in run] for _, run in groupby(tagged, key=_first)]


_first = itemgetter(0)


def dedupe(chars: list[Char], among: Sequence[int] | None = None) -> list[Char]:
    """Drop characters repeating another of the same text, font and size within
    one point: the first (topmost, then leftmost) of each cluster stays; the
    survivors keep the page order. Most characters have no twin: only groups of
    two or more are clustered, and only `among` these indexes when the engine
    knows that no other character can have a twin (`candidates_in`)."""
    drop: set[int] = set()
    for members in _groups(chars, _DEDUPE_KEY, among):
        drop.update(_twins(members))
    return [c for i, c in enumerate(chars) if i not in drop] if drop else list(chars)


_DEDUPE_KEY = itemgetter(5, 0, 6, 7)  # Char: upright, text, font, size


def candidates_in(groups: Iterable[list[tuple[float, float, int]]]) -> list[int]:
    """Indexes of the characters that may have a twin, fonts not yet known, from
    groups of (top, x0, index) of the characters sharing upright, text and size
    (the engine groups them while reading): the members of `dedupe`'s clusters
    when fonts are left out. An engine that pays per font lookup asks only for these."""
    out: list[int] = []
    for members in groups:
        if len(members) > 1:
            for col in _clusters_of_twins(members):
                out.extend(i for _, _, i in col)
    return sorted(out)


def _groups(chars: list[Char], key,
            among: Sequence[int] | None = None) -> list[list[tuple[float, float, int]]]:
    """(top, x0, index) of the characters sharing `key`, groups of two or more."""
    groups: dict[tuple, list] = {}
    for i in range(len(chars)) if among is None else among:
        c = chars[i]
        groups.setdefault(key(c), []).append((c[3], c[1], i))  # top, x0
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


def _word(chars: list[Char], x0: float | None = None) -> Word:
    """`x0`: the left edge when the caller knows it (an upright word's first)."""
    text = "".join([c[0] for c in chars])
    if not _LIGATURE_SET.isdisjoint(text):
        text = "".join(_LIGATURES.get(c.text, c.text) for c in chars)
    if len(chars) == 1:
        return Word(text, chars[0].x0, chars[0].top, tuple(chars))
    if x0 is None:
        x0 = min(c.x0 for c in chars)
    return Word(text, x0, min([c.top for c in chars]), tuple(chars))


_LIGATURE_SET = frozenset(_LIGATURES)
_BY_X0 = itemgetter(1)  # Char.x0
_BY_TOP = itemgetter(3)  # Char.top
_DOWN = itemgetter(3, 4)  # Char.top, Char.bottom
_UPRIGHT = itemgetter(5)  # Char.upright
_WORD_TOP = itemgetter(2)  # Word.top


def words(chars: list[Char]) -> list[Word]:
    """Words line by line: runs of upright (or rotated) characters, each cut into
    lines (upright: by top; rotated: by left edge), each line read in order."""
    out: list[Word] = []
    for upright, run in groupby(chars, key=_UPRIGHT):
        run = list(run)
        if upright:
            tops = list(map(_BY_TOP, run))
            one_line = max(tops) - min(tops) <= Y_TOLERANCE  # a cell's number, a short label
            for line in [run] if one_line else cluster_by(run, _BY_TOP, Y_TOLERANCE):
                _upright_words(line, out)
        else:
            for line in cluster_by(run, _BY_X0, X_TOLERANCE):
                _rotated_words(line, out)
    return out


def _upright_words(line: list[Char], out: list[Word]) -> None:
    """A word ends at a blank, at a gap of more than X_TOLERANCE, where the next
    character starts left of the previous one or sits more than Y_TOLERANCE
    higher or lower. Within a word left edges only grow: its first is its x0."""
    current: list[Char] = []
    last_x0 = last_x1 = last_top = 0.0
    for char in sorted(line, key=_BY_X0):
        text, x0, x1, top = char[0], char[1], char[2], char[3]
        if text.isspace():
            if current:
                out.append(_word(current, current[0][1]))
                current = []
            continue
        if current and (x0 < last_x0 or x0 > last_x1 + X_TOLERANCE
                        or abs(top - last_top) > Y_TOLERANCE):
            out.append(_word(current, current[0][1]))
            current = [char]
        else:
            current.append(char)
        last_x0, last_x1, last_top = x0, x1, top
    if current:
        out.append(_word(current, current[0][1]))


def _rotated_words(line: list[Char], out: list[Word]) -> None:
    """The same down a column of rotated characters (top for x0, bottom for x1)."""
    current: list[Char] = []
    for char in sorted(line, key=_DOWN):
        if char.text.isspace():
            if current:
                out.append(_word(current))
            current = []
        elif current and _new_rotated_word(current[-1], char):
            out.append(_word(current))
            current = [char]
        else:
            current.append(char)
    if current:
        out.append(_word(current))


def _new_rotated_word(prev: Char, char: Char) -> bool:
    return (char.top < prev.top or char.top > prev.bottom + Y_TOLERANCE
            or abs(char.x0 - prev.x0) > X_TOLERANCE)


def cell_text(chars: list[Char]) -> str:
    """A table cell's text: its words regrouped into lines by top, one space
    between words, a newline between lines (`grid.cell_text` joins them later)."""
    if not chars:
        return ""
    if len(chars) == 1:
        return _LIGATURES.get(chars[0].text, chars[0].text).strip()
    tops = list(map(_BY_TOP, chars))
    if max(tops) - min(tops) <= Y_TOLERANCE and all(map(_UPRIGHT, chars)):
        found = []  # one line of upright characters (most cells): its words' tops too
        _upright_words(chars, found)
        return " ".join([w.text for w in found])
    lines = cluster_by(words(chars), _WORD_TOP, Y_TOLERANCE)  # no words: no lines
    return "\n".join(" ".join(w.text for w in line) for line in lines)


def text_lines(chars: list[Char]) -> list[tuple[float, str]]:
    """A page's (or a region's) lines as (top, text), in the order the words come:
    prose outside the tables, or the whole page on the text path; a number
    printed letter-spaced one word again (`pdf_spacing`: a row of a table
    without rulings would otherwise not say where its cells end)."""
    from .pdf_spacing import join_spaced  # (it builds on this module's words)

    out = []
    for line in join_spaced(cluster_by(words(chars), _WORD_TOP, Y_TOLERANCE, keep_order=True)):
        out.append((min([w.top for w in line]), " ".join(w.text for w in line)))
    return out


__all__ = ["Word", "candidates_in", "cell_text", "cluster_by", "clusters", "dedupe",
           "text_lines", "words"]


# A note mark raised after a figure (21 with a superscript 1, 注 or *, as Word sets a
# footnote reference in a table cell): smaller than the figure's digits, its baseline
# well above theirs, right after the last digit. Read as a character of the line it
# joins the figure (21 and ¹ -> 211); a web page's <sup> and Word's superscript runs
# are left out the same way (html.py, docx.py).
_MARK_SIZE = 0.85  # at most this share of the figure's size
_MARK_RISE = 0.15  # its baseline at least this share of the size above the figure's
_MARK_GAP = 0.25  # at most this share of the size right of the figure's last digit
_DIGITS = frozenset("0123456789０１２３４５６７８９")


def page_chars(chars: list[Char], among: Sequence[int] | None = None) -> list[Char]:
    """A page's characters as read: no duplicates (`dedupe`), no raised note marks
    (`without_note_marks`, before the text layer is judged: a page of figures
    marked 12* is no font's glyph order)."""
    return without_note_marks(dedupe(chars, among))


def without_note_marks(chars: list[Char]) -> list[Char]:
    """The characters without the note marks raised after a figure's digits (in the
    page's drawing order: a mark is drawn right after its figure); a mark of several
    characters (注1, 12) is dropped whole."""
    out: list[Char] = []
    last: Char | None = None  # the current mark's previous character
    for c in chars:
        if last is not None and _continues(c, last):
            last = c
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.text in _DIGITS and _raised_after(c, prev):
            last = c
            continue
        last = None
        out.append(c)
    return out if len(out) < len(chars) else chars


def _raised_after(c: Char, digit: Char) -> bool:
    size = digit.size
    return (c.upright and digit.upright and 0 < c.size <= _MARK_SIZE * size
            and -0.5 <= c.x0 - digit.x1 <= _MARK_GAP * size
            and digit.bottom - c.bottom >= _MARK_RISE * size)


def _continues(c: Char, mark: Char) -> bool:
    """The next character of a mark: its size, right after it on its baseline, or
    on the next line (a narrow cell wraps 注1 after 注)."""
    if abs(c.size - mark.size) > 0.05 * mark.size:
        return False
    if abs(c.bottom - mark.bottom) <= 0.5:
        return -0.5 <= c.x0 - mark.x1 <= _MARK_GAP * mark.size
    return 0 < c.top - mark.bottom <= mark.size
