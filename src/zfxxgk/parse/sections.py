"""The six parts of a report and the regions of its three tables.

A part heading is a Chinese numeral with ``、`` followed by one of the known
wordings of that part. Table 三's own rows also begin with 一、 … 四、, so a heading
is recognised by its words, not by its numeral.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..ingest.document import Line
from ..standard import SECTION_SYNONYMS, SECTIONS
from ..standard.normalize import normalize_label

_NUMERALS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6"}
# the numerals a heading starts with, and their Kangxi-radical look-alikes (⼀ ⼆)
_HEADING_STARTS = frozenset("一二三四五六\u2f00\u2f06")
_HEADING = re.compile(r"^([一二三四五六])、(.+)$")
_OFFICIAL_WORDS = {k: normalize_label(v.split("、", 1)[1]) for k, v in SECTIONS.items()}
_WORDS = {k: tuple(normalize_label(s) for s in v) for k, v in SECTION_SYNONYMS.items()}


@dataclass(frozen=True)
class Heading:
    section: str
    index: int  # position in the document's line list
    line: Line
    printed: str
    official: bool  # worded exactly as the format says


def find_headings(lines: list[Line]) -> list[Heading]:
    out: list[Heading] = []
    for i, line in enumerate(lines):
        if line.text.lstrip()[:1] not in _HEADING_STARTS:
            continue
        text = normalize_label(line.text.strip())
        if len(text) > 60:
            continue
        m = _HEADING.match(text)
        if not m:
            continue
        number, words = _NUMERALS[m.group(1)], m.group(2)
        matched = _match_words(number, words)
        if matched is not None:
            out.append(Heading(number, i, line, line.text.strip(), matched))
    return out


def _match_words(number: str, words: str) -> bool | None:
    """True for the official wording, False for a known or close variant, None
    when the words are not this part's heading."""
    official = _OFFICIAL_WORDS[number]
    if words.startswith(official):
        return True
    if any(words.startswith(w) for w in _WORDS[number]):
        return False
    head = words[: len(official) + 2]
    if SequenceMatcher(None, head, official, autojunk=False).ratio() >= 0.8:
        return False
    return None


def choose_headings(headings: list[Heading]) -> dict[str, Heading]:
    """One heading per part: the first that keeps the parts in order."""
    chosen: dict[str, Heading] = {}
    last = 0
    for h in headings:
        n = int(h.section)
        if h.section not in chosen and n > last:
            chosen[h.section] = h
            last = n
    return chosen


def section_bounds(chosen: dict[str, Heading], total: int) -> dict[str, tuple[int, int]]:
    """Line-index ranges (start after the heading, end before the next one)."""
    ordered = sorted(chosen.values(), key=lambda h: h.index)
    bounds: dict[str, tuple[int, int]] = {}
    for i, h in enumerate(ordered):
        end = ordered[i + 1].index if i + 1 < len(ordered) else total
        bounds[h.section] = (h.index + 1, end)
    return bounds
