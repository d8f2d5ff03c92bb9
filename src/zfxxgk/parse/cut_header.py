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
ORDERS = 64  # orders collected before a header's pieces are called unordered
UNORDERED = frozenset((AMBIGUOUS, UNJOINED))  # too many joinings to list them all


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
    found = _orders(rows, words, prefixes, _words_at, 1)
    if found is None or len(found) > 1:
        return AMBIGUOUS
    return next(iter(found)) if found else UNJOINED


def _orders(rows: list[list[str]], words: dict[str, Hashable], prefixes: frozenset[str],
            words_at, most: int) -> set[tuple] | None:
    """The orders of names every joining of `rows`' pieces gives, the next name's
    choices from `words_at`; None once more than `most` or too many joinings."""
    found: set[tuple] = set()
    steps = [0]

    def column(ptr: tuple[int, ...], acc: tuple) -> bool:
        """Every joining from `ptr` on; False once too many were tried."""
        steps[0] += 1
        if steps[0] > _STEPS or len(found) > most:
            return False
        if all(p == len(r) for p, r in zip(ptr, rows)):
            found.add(acc)
            return True
        return all(column(nxt, acc + (words[w],)) for w, nxt in words_at(rows, ptr, prefixes, words))

    return found if column(tuple(0 for _ in rows), ()) else None


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


def cut_orders(texts: Iterable[str], words: dict[str, Hashable]) -> set[tuple] | None:
    """Every order of columns (`words[word]`) the lines `texts` can name once their
    pieces are joined, a name's pieces on lines one below the other with lines
    between them (a short name centred on a middle line of its own: 商业企 / 其他 /
    业), and names whole on different lines in any order: PDF text keeps no
    column, so each joining is a reading. None where the lines are no header over
    several lines (one line of names, or one piece a line); an empty set where no
    joining makes words of all pieces; `UNORDERED` where more than `ORDERS` can be
    made, too many to list (the header then tells nothing for sure)."""
    prefixes, pieces = _vocabulary(frozenset(words))
    lines = [got for got in (_cells(t, pieces) for t in texts) if got is not None]
    rows = [_pieces(cells, pieces) for cells, _ in lines]
    if len(rows) < 2 or max(map(len, rows)) < 2:
        return None
    if all(p in words for r in rows for p in r) and any(shown for _, shown in lines):
        return None  # whole names in shown cells: each line's cells say their columns
    names = _by_cells(lines, words)
    if names is not None:
        return {names}
    found = _orders(rows, words, prefixes, _gapped_words, ORDERS)
    return UNORDERED if found is None else found


def _gapped_words(rows: list[list[str]], ptr: tuple[int, ...], prefixes: frozenset[str],
                  words: dict[str, Hashable]) -> set[tuple[str, tuple[int, ...]]]:
    """`_words_at` with lines skipped between a name's pieces."""
    out: set[tuple[str, tuple[int, ...]]] = set()

    def grow(text: str, at: list[int], k: int) -> None:
        if text in words:
            out.add((text, tuple(at)))
        for m in range(k, len(rows)):
            if at[m] < len(rows[m]) and text + rows[m][at[m]] in prefixes:
                at[m] += 1
                grow(text + rows[m][at[m] - 1], at, m + 1)
                at[m] -= 1

    for start in range(len(rows)):
        if ptr[start] < len(rows[start]) and rows[start][ptr[start]] in prefixes:
            at = list(ptr)
            at[start] += 1
            grow(rows[start][ptr[start]], at, start + 1)
    return out


def placed_names(texts: Iterable[str], words: dict[str, Hashable]) -> tuple | None:
    """The columns a header cut over lines of PDF text laid out by position (each
    piece under or over the others of its name: ``商业企`` at 33, ``业`` at 34)
    names, left to right: the pieces whose spans overlap from line to line are one
    name's, read top down. None where a name's pieces do not overlap (text not laid
    out: pieces apart by a fixed gap), two pieces of one line fall in one name, or
    a name so made is no word."""
    _, pieces = _vocabulary(frozenset(words))
    spans: list[tuple[int, int, int, str]] = []  # (start, end, line, piece)
    for k, text in enumerate(texts):
        plain = visible(nfkc(text))
        if _cells(text, pieces) is None or _CELLS.search(plain):
            continue
        found = [(m.start(), m.end(), k, m.group()) for m in re.finditer(r"\S+", plain)]
        spans += found[1:] if found and found[0][3] not in pieces else found
    columns: list[list[tuple[int, int, int, str]]] = []
    for span in sorted(spans):
        if columns and span[0] < max(end for _, end, _, _ in columns[-1]):
            columns[-1].append(span)
        else:
            columns.append([span])
    names = []
    for col in columns:
        lines = [line for _, _, line, _ in col]
        name = "".join(piece for _, _, _, piece in sorted(col, key=lambda s: s[2]))
        if len(set(lines)) != len(lines) or name not in words:
            return None
        names.append(words[name])
    return tuple(names) or None
