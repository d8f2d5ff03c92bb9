"""A table printed for two years in its part: last year's copy beside this year's.

Some reports print, under part 二, 三 or 四, last year's table before (or after)
this year's for comparison, each copy captioned by its year (``2022年度：`` …
``2023年度：``, ``（2022年）``, ``上年度`` / ``本年度``), or table 四's one row
twice, each labelled by its year (``2022年  2 1 0 0 3`` / ``2023年  …``). Read by
label or by order, the first copy won: last year's figures were read as this
year's, every cell a wrong number. Where captions name two years or more, the
copies of the years before the latest are not the report's table: their lines are
blanked before the table is read (the report's year, read later from its title,
is the latest a report prints; no report prints a table of a year to come). One
caption alone (a lead-in naming the year) changes nothing.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Iterable

from ..ingest.document import Line
from ..standard.normalize import nfkc

# a year starting a short line: a caption (2022年度：, （2022年）, 附：2022年度主动公开情况)
# or a row label of table 四 (2022年 followed by its numbers)
_YEAR = re.compile(r"^(?:附[:：]?)?[（(]?((?:19|20)\d\d)\s*年度?[)）]?(?=[^\d年月]|$)")
_RELATIVE = re.compile(r"^(?:附[:：]?)?[（(]?(上|本)一?年度?(?:数据|情况|统计)?[)）]?[:：]?$")
_SENTENCE = ("。", "，", "；")
_FIGURES = re.compile(r"[\d\s|.,/—\-]+")


def year_of(text: str) -> int | None:
    """The year a caption or row label starting the line names (上年 as 0, 本年 as 1),
    else None (a sentence that names a year is no caption)."""
    text = nfkc(text).strip()
    if not text or not ("年" in text) or any(m in text for m in _SENTENCE):
        return None
    m = _YEAR.match(text)
    if m:
        words = _FIGURES.sub("", text[m.end():])  # a row label's numbers are no words
        return int(m.group(1)) if len(words) <= 30 else None
    m = _RELATIVE.match(text.replace(" ", ""))
    return (0 if m.group(1) == "上" else 1) if m else None


def earlier_copies(lines: list[Line], a: int, b: int) -> list[int]:
    """Indexes of lines a..b that belong to a copy captioned with an earlier year than
    the latest the part's captions name; [] where they name fewer than two years
    (or mix 上年/本年 with printed years: which is which is not said)."""
    tagged: list[tuple[int, int]] = []  # (index, year of the copy it is in)
    current = None
    for i in range(a, min(b, len(lines))):
        year = year_of(lines[i].text) if "年" in lines[i].text else None
        if year is not None:
            current = year
        if current is not None:
            tagged.append((i, current))
    latest = latest_named(y for _, y in tagged)
    return [] if latest is None else [i for i, y in tagged if y != latest]


def latest_named(years: Iterable[int]) -> int | None:
    """The latest of the years a table's captions or column marks name (上年 as 0,
    本年 as 1), where they name two or more: no report prints a table of a year to
    come. None where they name fewer, or mix 上年/本年 with printed years (which
    printed year 上年 is, the text does not say)."""
    kinds = set(years)
    if len(kinds) < 2 or min(kinds) <= 1 < max(kinds):
        return None
    return max(kinds)


def without_earlier_copies(lines: list[Line], bounds: dict[str, tuple[int, int]]) -> list[Line]:
    """`lines` with the earlier years' copies of each table blanked (indexes kept)."""
    out = lines
    for a, b in bounds.values():
        drop = earlier_copies(lines, a, b)
        if drop:
            if out is lines:
                out = list(lines)
            for i in drop:
                out[i] = dataclasses.replace(out[i], text="")
    return out


__all__ = ["earlier_copies", "latest_named", "without_earlier_copies", "year_of"]
