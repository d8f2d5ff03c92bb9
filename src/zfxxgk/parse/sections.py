"""The six parts of a report and the regions of its three tables.

A part heading is a Chinese numeral with ``、`` followed by one of the known
wordings of that part. Table 三's own rows also begin with 一、 … 四、, so a heading
is recognised by its words, not by its numeral.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..ingest.document import Line
from ..standard import SECTION_SYNONYMS, SECTIONS
from ..standard.normalize import normalize_label

_NUMERALS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6"}
# the numerals a heading starts with, and their Kangxi-radical look-alikes (⼀ ⼆)
_HEADING_STARTS = frozenset("一二三四五六\u2f00\u2f06")
_HEADING = re.compile(r"^([一二三四五六])、(.+)$")
# the same heading as 第四部分…, 四.…, (四)… or with no numeral at all (a damaged copy)
_OTHER_NUMBERING = re.compile(r"^(?:第([一二三四五六])部分[、:.：]?|([一二三四五六])[.]|\(([一二三四五六])\)[、.]?)(.+)$")
# what may follow a part's official words on its line: a note in brackets, a colon,
# a full stop; other characters after them are a misprint (情况况)
_AFTER_WORDS = re.compile(r"^(?:$|[(:：。.、;；\[【])")
_BARE_MAX = 30
_OFFICIAL_WORDS = {k: normalize_label(v.split("、", 1)[1]) for k, v in SECTIONS.items()}
_WORDS = {k: tuple(normalize_label(s) for s in v) for k, v in SECTION_SYNONYMS.items()}
_OFFICIAL_CHARS = {k: Counter(v) for k, v in _OFFICIAL_WORDS.items()}


@dataclass(frozen=True)
class Heading:
    section: str
    index: int  # position in the document's line list
    line: Line
    printed: str
    official: bool  # worded exactly as the format says


def find_headings(lines: list[Line]) -> list[Heading]:
    """The part headings. One numbered otherwise or not at all counts only for a
    part that has no regular heading (a sub-heading (二)… or a bare line of the same
    words elsewhere must not displace it)."""
    out: list[Heading] = []
    other: list[Heading] = []
    for i, line in enumerate(lines):
        first = line.text[:1]
        if first.isspace():  # (not lstrip() first: it copies every long line of prose)
            first = line.text.lstrip()[:1]
        if first in _HEADING_STARTS:
            text = normalize_label(line.text.strip())
            m = _HEADING.match(text) if len(text) <= 60 else None
            if m:
                number, words = _NUMERALS[m.group(1)], m.group(2)
                matched = _match_words(number, words)
                if matched is not None:
                    out.append(Heading(number, i, line, line.text.strip(), matched))
                continue
        if first in _OTHER_STARTS:
            heading = _other_heading(i, line)
            if heading is not None:
                other.append(heading)
    if other:
        regular = {h.section for h in out}
        out = sorted(out + [h for h in other if h.section not in regular], key=lambda h: h.index)
    return out


# what a heading numbered otherwise, or not at all, can start with
_OTHER_STARTS = frozenset("第一二三四五六(（") | frozenset(w[0] for ws in _WORDS.values() for w in ws) \
    | frozenset(w[0] for w in _OFFICIAL_WORDS.values())


def _bare_words() -> dict[str, str]:
    """A part's words printed alone (official or a known variant) -> the part; the
    first part to claim the words keeps them."""
    out: dict[str, str] = {}
    for number, official in _OFFICIAL_WORDS.items():
        for words in (official, *_WORDS[number]):
            out.setdefault(words, number)
    return out


_BARE_WORDS = _bare_words()


def _other_heading(i: int, line: Line) -> Heading | None:
    """A part heading written as 第四部分…, 四.…, （四）…, or its words alone: found,
    and never official (F-LABEL gives the official wording)."""
    raw = line.text
    if "。" in raw or "，" in raw or "," in raw:
        return None  # a sentence (checked before normalising: most such lines are long prose)
    text = normalize_label(raw.strip())
    if len(text) > _BARE_MAX + 6 or "。" in text or "," in text or "，" in text:
        return None
    m = _OTHER_NUMBERING.match(text)
    if m:
        number = _NUMERALS[m.group(1) or m.group(2) or m.group(3)]
        return Heading(number, i, line, line.text.strip(), False) \
            if _match_words(number, m.group(4)) is not None else None
    if len(text) > _BARE_MAX:
        return None
    number = _BARE_WORDS.get(text)
    return Heading(number, i, line, line.text.strip(), False) if number else None


@lru_cache(maxsize=4096)
def _match_words(number: str, words: str) -> bool | None:
    """True for the official wording, False for a known or close variant, None
    when the words are not this part's heading. Cached: table 三's rows (一、本年新收…)
    look like headings in every report, and the close-variant test is slow."""
    official = _OFFICIAL_WORDS[number]
    if words.startswith(official):
        return bool(_AFTER_WORDS.match(words[len(official):]))
    if words.startswith(_WORDS[number]):  # (a tuple: any of the variants)
        return False
    return False if _close_to_official(number, words[: len(official) + 2]) else None


@lru_cache(maxsize=4096)
def _close_to_official(number: str, head: str) -> bool:
    """The beginning of a line is a misprint of the part's official words. Cached
    apart from `_match_words`: rows of table 三 printed with their numbers
    (一、本年新收… 4571 4043 …) differ in every report but begin alike. The
    characters the two have in common bound the similarity from above (difflib's
    quick_ratio), which rules out most lines before the slow comparison."""
    official = _OFFICIAL_WORDS[number]
    shared = sum((Counter(head) & _OFFICIAL_CHARS[number]).values())
    if 2.0 * shared / (len(head) + len(official)) < 0.8:
        return False
    return SequenceMatcher(None, head, official, autojunk=False).ratio() >= 0.8


def choose_headings(headings: list[Heading]) -> dict[str, Heading]:
    """One heading per part: the first that keeps the parts in order; then, where
    no part is printed twice (two reports on one page, a contents list), a part
    printed out of order (三 before 二) by its heading in the official words (a
    variant may be a quotation)."""
    chosen: dict[str, Heading] = {}
    last = 0
    for h in headings:
        n = int(h.section)
        if h.section not in chosen and n > last:
            chosen[h.section] = h
            last = n
    if len(chosen) < len(headings) and len({h.section for h in headings}) == len(headings):
        for h in headings:
            if h.section not in chosen and h.official:
                chosen[h.section] = h
    return chosen


def section_bounds(chosen: dict[str, Heading], total: int) -> dict[str, tuple[int, int]]:
    """Line-index ranges (start after the heading, end before the next one)."""
    ordered = sorted(chosen.values(), key=lambda h: h.index)
    bounds: dict[str, tuple[int, int]] = {}
    for i, h in enumerate(ordered):
        end = ordered[i + 1].index if i + 1 < len(ordered) else total
        bounds[h.section] = (h.index + 1, end)
    return bounds
