"""Finding the official row labels of a table inside a piece of text.

Labels are matched by content, never by position: first the label (or a known
variant) as a whole; then, for a label wrapped over lines, a long enough beginning
of it at the end of the text; last, for a typo, a close match among the rows that
carry the same item number. Markers (``1.``, ``（七）``) are needed only where the
label alone is too short to be safe (``（七）总计``, ``3.其他``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..standard.normalize import HAN, normalize_label
from ..standard.spec import Row

_MARKER_BEFORE = re.compile(r"(?:\d\.|\([一二三四五六七八九十]\)|[一二三四五六七八九十]、)$")
_FUZZY_SEGMENT = re.compile(r"(\d{1,2})\.([^\d]{3,40})")
# an item number opening a sub-row's label right after a group's words
_SUB_ITEM = re.compile(r"\d\.(?=\D)")
MIN_PREFIX = 4
MIN_MARKED_PREFIX = 2
FUZZY_RATIO = 0.7


@dataclass(frozen=True)
class Pattern:
    row: str
    text: str  # normalised
    synonym: bool
    needs_marker: str | None  # the marker that must precede a short label


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    row: str
    via: str  # exact | synonym | prefix | fuzzy
    printed: str


@lru_cache(maxsize=64)
def matcher_for(rows: tuple[Row, ...]) -> "RowMatcher":
    """Matchers are built once per set of rows: building normalises every label."""
    return RowMatcher(rows)


class RowMatcher:
    """Matches the rows of one table; built once per table and template."""

    def __init__(self, rows: tuple[Row, ...] | list[Row]):
        self.rows = list(rows)
        self.patterns: list[Pattern] = []
        self.cores: dict[str, str] = {}
        self.markers: dict[str, str] = {}
        for row in self.rows:
            core = normalize_label(row.core)
            marker = normalize_label(row.marker) if row.marker else ""
            self.cores[row.code] = core
            self.markers[row.code] = marker
            short = len(core) <= 2
            self.patterns.append(Pattern(row.code, core, False, marker if short else None))
            for syn in row.synonyms:
                self.patterns.append(Pattern(row.code, normalize_label(syn), True, None))
        # longest first, so that 行政规范性文件 wins over 规范性文件
        self.patterns.sort(key=lambda p: -len(p.text))
        # beginnings of labels, for labels wrapped over lines: piece -> rows
        self.prefixes: dict[str, list[str]] = {}
        for row in self.rows:
            core = self.cores[row.code]
            for k in range(MIN_MARKED_PREFIX, len(core)):
                self.prefixes.setdefault(core[:k], []).append(row.code)
        self.longest = max((len(c) for c in self.cores.values()), default=0)

    def scan(self, text: str) -> tuple[Match, ...]:
        """All non-overlapping label matches in normalised `text`, in order (not
        cached here: its one caller, `stream._labels_in`, is)."""
        found: list[Match] = []
        taken: list[tuple[int, int]] = []
        for p in self.patterns:
            needle = (p.needs_marker or "") + p.text
            start = text.find(needle)
            while start >= 0:
                end = start + len(needle)
                if self._acceptable(text, start, end, p) and not _overlaps(taken, start, end):
                    start = _extend_marker(text, start, self.markers[p.row])
                    taken.append((start, end))
                    found.append(Match(start, end, p.row, "synonym" if p.synonym else "exact",
                                       text[start:end]))
                start = text.find(needle, end)
        # a wrapped or misspelt label, alone or after a label on the same line
        # ("（六）其他处理 2.申请人逾期未按收")
        offset = max((m.end for m in found), default=0)
        tail = text[offset:]
        if HAN.search(tail):
            m = self._prefix(tail) or self._fuzzy(tail)
            if m:
                found.append(Match(m.start + offset, m.end + offset, m.row, m.via, m.printed))
        found.sort(key=lambda m: m.start)
        return tuple(found)

    @staticmethod
    def _acceptable(text: str, start: int, end: int, p: Pattern) -> bool:
        if p.needs_marker:
            # "3.其他" must not be the start of a longer word (其他处理, 其他结果)
            return not (end < len(text) and HAN.match(text[end]))
        if p.row == "other" and _SUB_ITEM.match(text, end):
            # "（六）其他处理1.逾期不补正": the group's heading before a sub-row's item
            # number, not 2019's single row, even where the sub-row's words are not
            # known; its numbers are the sub-row's
            return False
        return True

    def _prefix(self, text: str) -> Match | None:
        """A label wrapped over lines: its beginning ends this text (digits may
        follow). Six characters identify a label alone; a shorter beginning
        counts only after the row's own item number, and only if no other row
        with that number begins the same way."""
        tail = text.rstrip("0123456789")
        for k in range(min(len(tail), self.longest - 1), MIN_MARKED_PREFIX - 1, -1):
            rows = self.prefixes.get(tail[-k:])
            if not rows:
                continue
            start = len(tail) - k
            if k >= 6 and len(rows) == 1:
                row = rows[0]
            else:
                marked = [r for r in rows if self.markers[r] and tail[:start].endswith(self.markers[r])]
                if len(marked) != 1 or (k < MIN_PREFIX and not self._unique_start(marked[0], k)):
                    continue
                row = marked[0]
            begin = _extend_marker(tail, start, self.markers[row])
            return Match(begin, len(tail), row, "prefix", tail[begin:])
        return None

    def _unique_start(self, row: str, k: int) -> bool:
        """No other row with the same item number begins with these k characters."""
        piece = self.cores[row][:k]
        return all(self.cores[r][:k] != piece for r in self.cores
                   if r != row and self.markers[r] == self.markers[row])

    def _fuzzy(self, text: str) -> Match | None:
        """A misspelt numbered label (``2.其他法律行政止公开``)."""
        best: tuple[float, Match] | None = None
        for m in _FUZZY_SEGMENT.finditer(text):
            number, words = m.group(1) + ".", m.group(2)
            for row in self.rows:
                if self.markers[row.code] != number:
                    continue
                core = self.cores[row.code]
                ratio = SequenceMatcher(None, words, core, autojunk=False).ratio()
                if ratio >= FUZZY_RATIO and (best is None or ratio > best[0]):
                    best = (ratio, Match(m.start(), m.end(), row.code, "fuzzy", m.group(0)))
        return best[1] if best else None


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in taken)


def _extend_marker(text: str, start: int, marker: str = "") -> int:
    """Include the item number printed before a label in the match, so that
    digits run together with it (``…00000002.重复申请``) are not read as a value."""
    if marker and text[:start].endswith(marker):
        return start - len(marker)
    m = _MARKER_BEFORE.search(text[max(0, start - 4):start])
    return start - len(m.group(0)) if m else start
