"""A header whose column names a narrow layout wrapped mid-word over several lines
(自然 / 人, 社会公 / 益组织): the first line holds the first piece of every
column's name, each line below the next piece of the names not ended yet, in the
columns' order. No line names a column, so the order the header prints
would be lost, and a header both cut and printed in another order than the
form's would have its numbers read by the form's places (wrong). The names are
put back together where every way of joining the pieces into the table's header
words gives the same columns in the same order; otherwise the header says
nothing (the caller's rule for a header it cannot read applies).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Hashable, Iterable

from ..standard.normalize import nfkc, visible

AMBIGUOUS = ("?",)  # the pieces join into words more than one way, in other orders
_CELLS = re.compile(r"\t|\|")
_STEPS = 20000  # joinings tried before the header is called ambiguous


@lru_cache(maxsize=16)
def _vocabulary(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(every prefix of a word, every piece of one): what a line of a cut header holds."""
    prefixes = {w[:k] for w in words for k in range(1, len(w) + 1)}
    pieces = {w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
    return frozenset(prefixes), frozenset(pieces)


def _pieces(text: str, pieces: frozenset[str]) -> list[str] | None:
    """A header line's pieces of column names in order; None where it holds
    anything else (a sentence, a letter-spaced heading, figures). Its first cell
    may be the row labels' (信息内容, the form's note) and is then left out."""
    plain = visible(nfkc(text))
    cells = _CELLS.split(plain) if _CELLS.search(plain) else plain.split()
    cells = ["".join(c.split()) for c in cells]
    if cells and cells[0] and cells[0] not in pieces:
        cells = cells[1:]
    cells = [c for c in cells if c]
    return cells if cells and all(c in pieces for c in cells) else None


def cut_pieces(text: str, words: dict[str, Hashable]) -> bool:
    """Whether the header line `text` holds a piece of a name that is no whole name
    (本年制): the cheap test before joining its lines (most headers name whole words)."""
    _, pieces = _vocabulary(frozenset(words))
    cells = _pieces(text, pieces)
    return cells is not None and any(c not in words for c in cells)


def joined_names(texts: Iterable[str], words: dict[str, Hashable],
                 minimum: int = 2) -> tuple | None:
    """The columns (`words[word]`, the owner of each header word) the lines
    `texts` name once their pieces are joined, in printed order; None where they
    are not a cut header of at least `minimum` columns (fewer than two lines of
    pieces, or no joining makes words of all the pieces); `AMBIGUOUS` where
    joinings disagree."""
    prefixes, pieces = _vocabulary(frozenset(words))
    rows = [p for p in (_pieces(t, pieces) for t in texts) if p is not None]
    if len(rows) < 2:
        return None
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
                                                                        words.__contains__))

    if not column(tuple(0 for _ in rows), ()) or len(found) > 1:
        return AMBIGUOUS
    if not found:
        return None
    names = next(iter(found))
    return names if len(names) >= minimum else None


def _words_at(rows: list[list[str]], ptr: tuple[int, ...], prefixes: frozenset[str],
              is_word: Callable[[str], bool]) -> list[tuple[str, tuple[int, ...]]]:
    """The words the next column can be: the next piece of the first line and of
    the lines right below it, joined (a cell's text wraps from its top line down);
    with the place on each line after it."""
    out = []

    def take(k: int, text: str, at: tuple[int, ...]) -> None:
        if k == len(rows):
            if is_word(text):
                out.append((text, at))
            return
        if text and is_word(text):
            out.append((text, at))  # the name ends here: the lines below hold none of it
        if at[k] < len(rows[k]):
            joined = text + rows[k][at[k]]
            if joined in prefixes:
                take(k + 1, joined, at[:k] + (at[k] + 1,) + at[k + 1:])

    take(0, "", ptr)
    return out
