"""A table printed with two columns per item: last year's beside this year's.

Some reports print table 二 (or 四) with each figure twice, the header naming whose
year each column is (``本年制发件数（2022年）`` | ``本年制发件数（2023年）``, or just
``2022年`` | ``2023年``, ``上年`` | ``本年``). Read as the form's columns, a row
has twice the numbers it should: the row was left null (10-21 cells a human reads
at once). Where the header's value cells ALL carry such a mark and name two years or
more, only the latest year's columns are the report's (no report prints a table of a
year to come): each row under that header keeps those columns, and the header its
latest year's cells with the mark taken off. A row whose count of figures is not
the header's (a blank lost, a cell run into another) keeps its label only: which
figure is whose is not said, so its cells stay null.
"""

from __future__ import annotations

import dataclasses
import re

from ..ingest.document import Line
from .cells import split_line
from .year_copies import latest_named

# a cell's year mark: （2022年）, (2022年度), （上年）, or the whole cell a year / 上年 / 本年
_MARK = re.compile(r"[（(]\s*((?:19|20)\d\d|上|本|今|去)\s*年度?(?:数|数据)?\s*[)）]"
                   r"|^((?:19|20)\d\d|上|本|今|去)\s*年度?(?:数|数据)?$")
# the same marks looked for in a whole line, before it is split (not NFKC'd: a year
# may be printed in full-width digits, （２０２２年）): most lines have none
_ANY_MARK = re.compile(r"[（(]\s*(?:(?:19|20|１９|２０)\d\d|[上本今去])\s*年"
                       r"|(?:^|[\t|｜│ \u3000])(?:(?:19|20|１９|２０)\d\d|[上本今去])\s*年度?(?:数|数据)?"
                       r"(?=$|[\t|｜│ \u3000])")
_VALUE = re.compile(r"^(?:-?[\d,，]+(?:\.\d+)?|[—–\-/／]+)$")
_RELATIVE = {"上": 0, "去": 0, "本": 1, "今": 1}


def _cells(text: str) -> list[str]:
    """A line's cells as `split_line` reads them, blanks left out; in a line of
    space-separated cells (no tab, no bar) a run of words is one cell per word,
    so each of a header's marked cells stands alone."""
    cells = [c.text for c in split_line(text) if c.kind != "empty"]
    if "\t" in text or "|" in text:
        return cells
    return [w for c in cells for w in c.split()]


def _year(cell: str) -> int | None:
    m = _MARK.search(cell)
    if not m:
        return None
    word = m.group(1) or m.group(2)
    return _RELATIVE[word] if word in _RELATIVE else int(word)


def _header(cells: list[str]) -> tuple[int, list[int]] | None:
    """(index of the first value cell, indexes kept) of a header whose value cells
    all carry a year mark naming two years or more; None for any other line."""
    years = [_year(c) for c in cells]
    first = next((i for i, y in enumerate(years) if y is not None), None)
    if first is None or any(y is None for y in years[first:]):
        return None
    marked = years[first:]
    latest = latest_named(marked)
    if latest is None:
        return None
    return first, [i for i, y in enumerate(marked) if y == latest]


def _row(cells: list[str], width: int, keep: list[int]) -> str | None:
    """The row with only the kept columns; its label alone where its figures are
    not `width`; None for a line that is no row (no figure at its end)."""
    k = len(cells)
    while k > 0 and _VALUE.match(cells[k - 1]):
        k -= 1
    values = cells[k:]
    if not values:
        return None
    label = cells[:k]
    if len(values) != width:
        return "\t".join(label)
    return "\t".join(label + [values[i] for i in keep])


def _rewrite(lines: list[Line], a: int, b: int, out: list[Line]) -> None:
    header = None  # (width, kept indexes) of the header in force
    for i in range(a, min(b, len(lines))):
        text = lines[i].text
        if not text.strip():
            continue
        cells = _cells(text)
        found = _header(cells) if "年" in text else None
        if found is not None:
            first, keep = found
            header = (len(cells) - first, keep)
            kept = [_MARK.sub("", cells[first + j]).strip() for j in keep]
            out[i] = dataclasses.replace(lines[i], text="\t".join(
                cells[:first] + [c for c in kept if c]))
            continue
        if header is None:
            continue
        row = _row(cells, *header)
        if row is None:
            if "信息内容" in text:  # another header, unmarked: its own columns
                header = None
            continue
        out[i] = dataclasses.replace(lines[i], text=row)


def this_year_columns(lines: list[Line], bounds: dict[str, tuple[int, int]]) -> list[Line]:
    """`lines` with tables 二's and 四's rows cut to this year's columns where their
    header prints a column per year (indexes kept)."""
    out = lines
    for table in ("active", "review_litigation"):
        a, b = bounds.get(table, (0, 0))
        if not any("年" in lines[i].text and _ANY_MARK.search(lines[i].text)
                   and _header(_cells(lines[i].text))
                   for i in range(a, min(b, len(lines)))):
            continue
        if out is lines:
            out = list(lines)
        _rewrite(lines, a, b, out)
    return out


__all__ = ["this_year_columns"]
