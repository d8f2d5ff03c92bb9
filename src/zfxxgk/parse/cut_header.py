"""A header whose column names a narrow layout wrapped mid-word over several lines
(自然 / 人, 社会公 / 益组织): each line holds the next piece of some columns'
names, in the columns' order, a name's pieces on lines one below the other (from
the top line, or centred: a short name on the middle lines). No line names a
column, so the order the header prints would be lost, and a header both cut and
printed in another order than the form's would have its numbers read by the
form's places (wrong).

Where the lines' cells show (tabs, bars) and every line has as many, the pieces
of a column are its cells one below the other (a column joining into no word is
a name lost, as in a header printed whole). Otherwise (PDF text: blank cells
leave no mark) the names are put back together where every way of joining the
pieces into the table's header words gives the same columns in the same order;
pieces that join more than one way, or into no words at all, are a header whose
order cannot be told (`AMBIGUOUS`, `UNJOINED`): the caller reads no number by
place under it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Hashable, Iterable

from ..standard.normalize import nfkc, visible

AMBIGUOUS = ("?",)  # the pieces join into words more than one way, in other orders
UNJOINED = ("?", "?")  # lines of pieces that join into no words
_CELLS = re.compile(r"\t|\|")
_STEPS = 20000  # joinings tried before the header is called ambiguous


@lru_cache(maxsize=16)
def _vocabulary(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(every prefix of a word, every piece of one): what a line of a cut header holds."""
    prefixes = {w[:k] for w in words for k in range(1, len(w) + 1)}
    pieces = {w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
    return frozenset(prefixes), frozenset(pieces)


def _cells(text: str, pieces: frozenset[str]) -> tuple[list[str], bool] | None:
    """A header line's cells (blank ones kept where tabs or bars show them) and
    whether they do; None where it holds anything but pieces of column names (a
    sentence, a letter-spaced heading, figures) after its first cell, which may be
    the row labels' (信息内容, the form's note), or no piece at all."""
    plain = visible(nfkc(text))
    shown = _CELLS.search(plain) is not None
    cells = ["".join(c.split()) for c in (_CELLS.split(plain) if shown else plain.split())]
    if not any(c in pieces for c in cells) or not all(c in pieces for c in cells[1:] if c):
        return None
    return cells, shown


def _pieces(cells: list[str], pieces: frozenset[str]) -> list[str]:
    """The line's pieces in order, the row labels' cell left out."""
    if cells and cells[0] and cells[0] not in pieces:
        cells = cells[1:]
    return [c for c in cells if c]


def cut_pieces(texts: Iterable[str], words: dict[str, Hashable]) -> bool:
    """Whether a header line of `texts` holds a piece of a name that is no whole
    name (本年制): the cheap test before joining them (most headers name whole words)."""
    _, pieces = _vocabulary(frozenset(words))
    for text in texts:
        got = _cells(text, pieces)
        if got is not None and any(c not in words for c in _pieces(got[0], pieces)):
            return True
    return False


def joined_names(texts: Iterable[str], words: dict[str, Hashable],
                 minimum: int = 2) -> tuple | None:
    """The columns (`words[word]`, the owner of each header word) the lines
    `texts` name once their pieces are joined, in printed order; None where they
    are no cut header (fewer than two lines of pieces, or one piece a line) or name fewer than
    `minimum`; `AMBIGUOUS` where joinings disagree, `UNJOINED` where none makes
    words of all the pieces."""
    prefixes, pieces = _vocabulary(frozenset(words))
    lines = [got for got in (_cells(t, pieces) for t in texts) if got is not None]
    rows = [_pieces(cells, pieces) for cells, _ in lines]
    if len(rows) < 2 or max(map(len, rows)) < 2:
        return None  # one piece a line: a cell a line (本年新 | …), no columns side by side
    names = _by_cells(lines, words)
    if names is None:
        names = _by_search(rows, words, prefixes)
    if names in (AMBIGUOUS, UNJOINED):
        return names
    return names if len(names) >= minimum else None


def _by_cells(lines: list[tuple[list[str], bool]], words: dict[str, Hashable]) -> tuple | None:
    """The names of the columns, each its cells one below the other joined, where
    every line shows as many cells: those that join into a word, in order (a
    column whose pieces make none is left out, as a name a header lost: the
    caller's rule for names lost applies); None where the cells do not show or
    no column joins into a word."""
    width = len(lines[0][0])
    if not all(shown and len(cells) == width for cells, shown in lines):
        return None
    names = ["".join(cells[j] for cells, _ in lines) for j in range(width)]
    out = tuple(words[name] for name in names if name in words)
    return out or None


def _by_search(rows: list[list[str]], words: dict[str, Hashable],
               prefixes: frozenset[str]) -> tuple:
    """The one order every joining of `rows`' pieces into words gives."""
    found: set[tuple] = set()
    steps = [0]

    def column(ptr: tuple[int, ...], acc: tuple) -> bool:
        """Every joining from `ptr` on; False once too many were tried."""
        steps[0] += 1
        if steps[0] > _STEPS or len(found) > 1:
            return False
        if all(p == len(r) for p, r in zip(ptr, rows)):
            found.add(acc)
            return True
        return all(column(nxt, acc + (words[w],)) for w, nxt in _words_at(rows, ptr, prefixes,
                                                                        words))

    if not column(tuple(0 for _ in rows), ()) or len(found) > 1:
        return AMBIGUOUS
    return next(iter(found)) if found else UNJOINED


def _words_at(rows: list[list[str]], ptr: tuple[int, ...], prefixes: frozenset[str],
              words: dict[str, Hashable]) -> list[tuple[str, tuple[int, ...]]]:
    """The words the next column can be: the next piece of some lines one below
    the other, joined; with the place on each line after it."""
    out = []
    for start in range(len(rows)):
        text, at = "", list(ptr)
        for k in range(start, len(rows)):
            if at[k] == len(rows[k]):
                break
            text += rows[k][at[k]]
            if text not in prefixes:
                break
            at[k] += 1
            if text in words:
                out.append((text, tuple(at)))
    return out
