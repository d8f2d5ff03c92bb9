"""Page furniture inside the tables of text copied from multi-page PDF and Word files.

A page break leaves its page number (``3``, ``- 3 -``, ``第3页 共8页``), the running
header (the report's title, the agency, ``政府信息公开工作年度报告``) and, in a table
that goes on, the table's column header repeated at the top of the next page, all
between two rows of the table, or between a row's label and its numbers. None of
it is a row: a bare page number read as a cell is a wrong number, and header words
between a label and its numbers part them. `without_furniture` blanks these lines
inside the tables' regions (their line numbers stay), so the table readers never
see them; the part texts and the meta keep the original lines.

A bare number alone on a line is a page number only where the document numbers its
pages so: the last line is a page number P and the pages before it carry P-1, P-2…
in order (`_page_chain`). A bare number with the expected page's value elsewhere
between the same two page numbers is blanked too: left null rather than read wrong.
Where the last page's number is missing, a bare number just above a running header
is still one (`_number_above`); any other stays a cell, and the rows' widths and
identities have to catch it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..ingest.document import Line
from ..standard.normalize import compact, nfkc
from .cells import is_footer

_DIGIT = re.compile(r"\d")
# what a line with numbers must hold to be furniture (the title with its year, the note)
_MAYBE_FURNITURE = re.compile(r"报告|年报|勾稽")
# a line that may be a page number (a quick look at the tables' text)
_HINT = re.compile(r"^[ \t]*(?:[-—–－][ \t]*|第[ \t]*)?\d{1,3}[ \t]*(?:$|[-—–－页/])", re.MULTILINE)
_T3_HINT = re.compile(r"申请人|自然人|法人|商业|企业|科研|机构|社会|公益|组织|法律|服务|勾稽")
_FOOTER_HINT = re.compile(r"[页/\-—–－]")
_BARE = re.compile(r"^\s*(\d{1,3})\s*$")
_YEAR = re.compile(r"\d{4}")
_FOOTER_NUMBER = re.compile(r"\d{1,3}")
# a page holds more than a few lines: two page numbers this close are table cells
MIN_PAGE_LINES = 4
_RUNNING_HEAD = ("政府信息公开工作年度报告", "政府信息公开年度报告")
# words of table 三's column header, whole and as PDF text wraps them
_T3_HEAD_WORDS = frozenset((
    "申请人情况", "自然人", "法人或其他组织", "法人或其他", "组织", "商业企业", "科研机构",
    "社会公益组织", "法律服务机构", "其他", "总计", "商业", "企业", "科研", "机构", "社会",
    "公益", "法律", "服务", "社会公益", "公益组织", "法律服务", "服务机构", "法人或", "其他组织"))
_T3_WEAK = frozenset(("其他", "总计"))  # also row words: never a header line on their own
_T3_NOTE = ("勾稽关系", "第三项加第四项之和")


def without_furniture(lines: list[Line], bounds: dict[str, tuple[int, int]],
                      first_heading: int | None) -> list[Line]:
    """`lines` with the page furniture inside the tables' regions (`bounds`: table ->
    line indexes) blanked."""
    drop = _page_chain(lines)
    heads = _title_block(lines, first_heading)
    if not drop and not _any_furniture(lines, bounds, heads):
        return lines  # most texts: nothing to look at line by line
    for table, (a, b) in bounds.items():
        t3 = table == "applications"
        data_started = not t3
        weak: list[int] = []  # header lines of words rows use too (其他, 总计)
        for i in range(a, min(b, len(lines))):
            text = lines[i].text
            if not text or i in drop:
                continue
            if not data_started and ("本年新收" in text or "上年结转" in text):
                data_started = True  # table 三's first row: a header after it is repeated
                continue
            if _DIGIT.search(text) and not _MAYBE_FURNITURE.search(text):
                if weak:  # a row's numbers (most lines)
                    weak = _settle(lines, weak, drop)
                continue
            compact, kind = _shape(text)
            if compact is None:  # a blank line
                continue
            if _running_head(compact, heads):
                drop.add(i)
                _number_above(lines, i, drop)
                continue
            if not t3 or not data_started:
                continue
            if kind == "weak":
                weak.append(i)
            elif kind == "strong":
                drop.add(i)
                drop.update(weak)  # a header's weak words next to its strong ones
                weak = []
            elif weak:
                weak = _settle(lines, weak, drop)
    if not drop:
        return lines
    return [replace(ln, text="") if i in drop else ln for i, ln in enumerate(lines)]


@lru_cache(maxsize=1 << 14)
def _shape(text: str) -> tuple[str | None, str | None]:
    """(the line without spaces, None for a blank one; "strong"/"weak"/None as a line
    of table 三's header). Cached: label and header lines recur across reports."""
    if text.isspace():
        return None, None
    bare = compact(text)
    return bare, _t3_header(bare)


def _any_furniture(lines: list[Line], bounds: dict[str, tuple[int, int]], heads: set[str]) -> bool:
    """Whether the tables' text may hold furniture at all: a page number, a title's
    words or a header word after table 三's first row (a quick look at their text
    joined, which rules out most reports)."""
    if not bounds:
        return False
    start, end = min(a for a, _ in bounds.values()), max(b for _, b in bounds.values())
    text = "\n".join([ln.text for ln in lines[start:end]])
    if "报告" in text or "年报" in text or _HINT.search(text) or any(h in text for h in heads):
        return True
    first = min((k for k in (text.find("本年新收"), text.find("上年结转")) if k >= 0), default=-1)
    if first < 0:
        return False
    m = _T3_HINT.search(text, first)
    while m:
        stop = text.find("\n", m.end())
        line = text[text.rfind("\n", 0, m.start()) + 1:stop if stop >= 0 else len(text)]
        if not _DIGIT.search(line):
            return True
        if stop < 0:
            return False
        m = _T3_HINT.search(text, stop)  # the line's other words: the same line, no need
    return False


def _settle(lines: list[Line], weak: list[int], drop: set[int]) -> list[int]:
    """Weak header lines not followed by a strong one: header only right after one
    (the line before them, blank lines aside, a header line dropped) or right after
    a page number ("- 3 -": the header's last line repeated at the top of a page)."""
    above = _above(lines, weak[0])
    if above in drop or above >= 0 and is_footer(lines[above].text):
        drop.update(weak)
    return []


def _number_above(lines: list[Line], i: int, drop: set[int]) -> None:
    """A bare number just above a running header is the page number before it, even
    where the document's numbering cannot be read back (its last page's number lost)."""
    j = _above(lines, i)
    if j >= 0 and _BARE.match(lines[j].text) and int(lines[j].text) > 0:
        drop.add(j)


def _above(lines: list[Line], i: int) -> int:
    """The index of the last line before `i` that is not blank (-1 for none)."""
    j = i - 1
    while j >= 0 and not lines[j].text.strip():
        j -= 1
    return j


def _page_chain(lines: list[Line]) -> set[int]:
    """Indexes of the bare page numbers (`_BARE`) the document's numbering confirms."""
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].text.strip()), None)
    if last is None or _page_of(lines[last].text) is None:
        return set()  # the numbering is read back from the last page's number
    pages: list[tuple[int, int, bool]] = []  # (index, page, bare)
    for i, ln in enumerate(lines):
        text = ln.text
        if text and len(text) <= 24:
            page = _page_of(text)
            if page is not None:
                pages.append((i, *page))
    if not pages or pages[-1][1] < 2 or not any(bare for _, _, bare in pages):
        # (none: the last line is a bare number padded past the short lines looked at)
        return set()
    position = {pages[-1][1]: pages[-1][0]}
    for page in range(pages[-1][1] - 1, 0, -1):
        before = position[page + 1] - MIN_PAGE_LINES
        found = [i for i, p, _ in pages if p == page and i < before]
        if not found:
            break
        position[page] = max(found)
    if len(position) < 2:
        return set()
    drop = set()
    for page, at in position.items():
        low, high = position.get(page - 1, -1), position.get(page + 1, len(lines))
        drop.update(i for i, p, bare in pages if bare and p == page and low < i < high)
    return drop


def _page_of(text: str) -> tuple[int, bool] | None:
    """(the page's number, whether printed bare) of a page number line."""
    m = _BARE.match(text)
    if m:
        return int(m.group(1)), True
    if len(text) <= 24 and _FOOTER_HINT.search(text) and is_footer(text):
        return int(_FOOTER_NUMBER.search(nfkc(text)).group()), False
    return None


def _title_block(lines: list[Line], first_heading: int | None) -> set[str]:
    """The title's lines (before the first part heading, without spaces), and the
    agency that begins a title (its words before the year): a running header repeats
    them."""
    out = set()
    for ln in lines[: min(first_heading if first_heading is not None else 6, 6)]:
        if len(ln.text) > 80:
            continue  # the preface
        bare = compact(ln.text)
        if 4 <= len(bare) <= 60 and "。" not in bare and "，" not in bare:
            out.add(bare)
            year = _YEAR.search(bare)
            if year and year.start() >= 4:
                out.add(bare[:year.start()])
    return out


def _running_head(compact: str, heads: set[str]) -> bool:
    if compact in heads:
        return True
    return len(compact) <= 60 and ("报告" in compact or "年报" in compact) and \
        compact.endswith(("报告", "年报")) and any(h in compact for h in _RUNNING_HEAD)


def _t3_header(compact: str) -> str | None:
    """Whether a line is of table 三's column header (its words alone, as the layout
    prints them, no number): "strong" when one word at least is no row's word,
    "weak" when all are (其他, 总计: a header line only beside a strong one)."""
    if any(n in compact for n in _T3_NOTE):
        return "strong"
    if _DIGIT.search(compact):
        return None
    words = compact.replace("|", "")
    if not _made_of(words, _T3_HEAD_WORDS):
        return None
    return "weak" if _made_of(words, _T3_WEAK) else "strong"


def _made_of(text: str, words: frozenset[str]) -> bool:
    """Whether `text` is a run of `words` (a label's words split by spaces anywhere,
    ``法律服 务机构``, are joined first)."""
    ends = {0}
    for end in range(1, len(text) + 1):
        if any(text[start:end] in words for start in ends if end - start <= 6):
            ends.add(end)
    return bool(text) and len(text) in ends
