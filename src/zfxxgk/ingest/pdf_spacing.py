"""Letter-spaced numbers on a line: ``8 6 4`` printed with Word's 字符间距加宽 or
CSS letter-spacing, each digit its own word, read back as 864.

Words end at a gap of more than `pdf_text.X_TOLERANCE` (3 points), so a number
whose digits stand 4 points apart falls into single digits, and a row of a
table without rulings (``规章 6 3 7 6 1 8 5``) no longer says where one cell
ends: the parser sees seven numbers for three columns and must leave them
unread. A reader sees the cells by the gaps: inside a number every gap is the
same (the spacing), between cells they are wider. Single digits of adjacent
narrow cells can stand just as evenly, so a run is joined only when

- its gaps are alike (within `SAME`) and narrower than half the font size (a
  digit's width: a column holding a two-digit number sets its single digits
  at least that far apart);
- the gaps around it are clearly wider (`MARGIN` more than its own);
- the spacing is confirmed near it: some run of the same spacing has another
  across it, on another line, whose digits stand between its own (a shorter
  or longer number centred in the same column). In a table of single digits
  every row's digits stand in the same places, so nothing confirms its gaps;
  in a letter-spaced table numbers of other lengths share a column somewhere.

Anything else stays as it was, single digits the parser weighs or leaves null.
"""

from __future__ import annotations

from typing import Sequence

from .pdf_text import X_TOLERANCE, Word

SAME = 0.25  # points: the gaps inside one spaced number differ by rounding only
MARGIN = 2.0  # points: the gap around a spaced number exceeds its own by this
OFFSET = 1.0  # points: a digit this far from each of a run's stands elsewhere
NEAR = 240.0  # points: how far above or below a confirming line may lie
_GLYPHS = frozenset("0123456789.,")


class _Run:
    """A candidate: the line's words `start`..`end` (exclusive), their spacing."""

    __slots__ = ("line", "start", "end", "gap", "centres", "x0", "x1", "top")

    def __init__(self, line: int, start: int, words: Sequence[Word], gap: float):
        self.line, self.start, self.end, self.gap = line, start, start + len(words), gap
        self.centres = [(w.chars[0].x0 + w.chars[0].x1) / 2 for w in words]
        self.x0, self.x1, self.top = words[0].x0, words[-1].chars[-1].x1, words[0].top


def join_spaced(lines: list[list[Word]]) -> list[list[Word]]:
    """`lines` (words of each line, left to right) with each confirmed
    letter-spaced number made one word."""
    runs = [run for k, line in enumerate(lines) for run in _runs(k, line)]
    if len(runs) < 2:
        return lines
    sure = [run for run in runs if _confirmed(run, runs)]
    joined: dict[int, list[_Run]] = {}
    for run in runs:
        if any(_alike(run, other) for other in sure):
            joined.setdefault(run.line, []).append(run)
    if not joined:
        return lines
    out = list(lines)
    for k, found in joined.items():
        line = list(lines[k])
        for run in sorted(found, key=lambda r: -r.start):
            line[run.start:run.end] = [_merged(line[run.start:run.end])]
        out[k] = line
    return out


def _runs(k: int, line: list[Word]) -> list[_Run]:
    """The line's runs of single digits standing evenly, set off by wider gaps."""
    out, i = [], 0
    while i < len(line):
        j, gap = i + 1, None
        while j < len(line) and _glyph(line[j]) and _glyph(line[j - 1]):
            step = line[j].x0 - line[j - 1].chars[-1].x1
            if not X_TOLERANCE < step < 0.5 * line[j].chars[0].size:
                break
            if gap is not None and abs(step - gap) > SAME:
                break
            gap = step if gap is None else gap
            j += 1
        if gap is not None and line[i].text.isdigit() and line[j - 1].text.isdigit() \
                and _set_off(line, i, j, gap):
            out.append(_Run(k, i, line[i:j], gap))
            i = j
        else:
            i += 1
    return out


def _glyph(word: Word) -> bool:
    return len(word.text) == 1 and word.text in _GLYPHS


def _set_off(line: list[Word], i: int, j: int, gap: float) -> bool:
    """Whether the gaps before word `i` and after word `j - 1` are clearly wider."""
    wide = gap + MARGIN
    before = i == 0 or line[i].x0 - line[i - 1].chars[-1].x1 >= wide
    after = j == len(line) or line[j].x0 - line[j - 1].chars[-1].x1 >= wide
    return before and after


def _alike(run: _Run, other: _Run) -> bool:
    """Same spacing, near enough to be of one table."""
    return abs(other.gap - run.gap) <= SAME and abs(other.top - run.top) <= NEAR


def _confirmed(run: _Run, runs: list[_Run]) -> bool:
    """Whether a run like it on another line has a digit within this run's
    span standing between this run's digits."""
    for other in runs:
        if other.line == run.line or not _alike(run, other):
            continue
        for c in other.centres:
            if run.x0 < c < run.x1 and min(abs(c - d) for d in run.centres) >= OFFSET:
                return True
    return False


def _merged(words: list[Word]) -> Word:
    chars = tuple(c for w in words for c in w.chars)
    return Word("".join(w.text for w in words), words[0].x0, min(w.top for w in words), chars)


__all__ = ["join_spaced"]
