"""A written report's text with page furniture where multi-page PDF and Word files put
it: page numbers and running headers between the lines (tables included), the
table's column header repeated at the top of the next page, a row cut by the page
break, and the title split over two lines or letter-spaced.

`paged_text(text, report, rng)` returns the damaged text and the table rows whose
line was cut (label and numbers on two pages): those may be left null, every other
row must still be read. Used by the property test (tests/parse/test_page_breaks.py)
and the probe (bench/pagebreak_probe.py).
"""

from __future__ import annotations

import random
import re
import unicodedata

from zfxxgk.model import Report

# the running header's words alone (as Word prints it on every page)
GENERIC_TITLE = "政府信息公开工作年度报告"
# header words of table 三 and 四, as a repeated header prints them
T3_WORDS = ("申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织",
            "法律服务机构", "其他", "总计", "商业", "企业", "科研", "机构", "社会", "公益",
            "组织", "法律", "服务", "勾稽关系")
T4_WORDS = ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正",
            "其他结果", "尚未审结", "总计")
_NUMBER = re.compile(r"[+\-]?\d[\d.,]*")
_NUMBERS = re.compile(r"(?:^|[\t |])[+\-]?\d[\d.,]*(?:[\t |]+[+\-]?\d[\d.,]*)*[\t |]*$")


PAGE_LINES = 6
FOOTERS = ("— {page} —", "- {page} -", "{page}", "第 {page} 页 共 {pages} 页", "第{page}页",
           "-{page}-", "第{page}页/共{pages}页")


def running_header(rng: random.Random, report: Report) -> list[str]:
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    return rng.choice([[], [title], [report.agency], [GENERIC_TITLE],
                       [f"{report.year}年{GENERIC_TITLE}"]])


def _header_lines(lines: list[str], first_row: str, words: tuple[str, ...]) -> list[str]:
    """The lines of a table's column header as the layout printed them: the lines
    holding header words and no numbers just above the table's first row."""
    try:
        end = next(i for i, ln in enumerate(lines) if first_row in ln)
    except StopIteration:
        return []
    out: list[str] = []
    for ln in reversed(lines[max(0, end - 12):end]):
        plain = ln.replace("|", " ").replace("\t", " ").strip()
        if not plain or any(c.isdigit() for c in plain) and "勾稽" not in plain:
            if out:
                break
            continue
        if "、" in plain[:3] or "如下" in plain or not any(w in plain for w in words):
            if out:
                break
            continue
        out.append(ln)
    return out[::-1]


def _cut_row(line: str, rng: random.Random) -> tuple[str, str] | None:
    """A table row cut by the page break: its label on one page and its numbers on
    the next, or the label's second half with the numbers."""
    m = _NUMBERS.search(line)
    if not m or m.start() < 2:
        return None
    label_end = m.start()
    if rng.random() < 0.5:
        return line[:label_end].rstrip(" |"), line[label_end:].lstrip(" |")
    k = rng.randint(1, label_end - 1)
    if line[k - 1] in "\t|" or line[k] in "\t|":
        return None
    return line[:k], line[k:]


def split_title(text: str, report: Report, rng: random.Random) -> str:
    """The title over two lines, or letter-spaced, as PDF headings are extracted."""
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    how = rng.choice(["keep", "two_lines", "spaced", "spaced_year"])
    if how == "keep" or title not in text[:200]:
        return text
    if how == "two_lines":
        k = rng.choice([len(report.agency), len(report.agency) + len(str(report.year)) + 1])
        new = title[:k] + "\n" + title[k:]
    elif how == "spaced":
        new = report.agency + "\n" + f"{report.year}年" + " " + " ".join(GENERIC_TITLE)
    else:
        new = report.agency + "\n" + " ".join(f"{report.year}年") + " " + " ".join(GENERIC_TITLE)
    return text.replace(title, new, 1)


def paged_text(text: str, report: Report, rng: random.Random,
               breaks: int | None = None,
               last_number: bool = True) -> tuple[str, set[frozenset[str]]]:
    """`text` broken into pages at random lines. Returns the text and, for each row
    line the break cut, the numbers it printed (see `touched`). Every page is numbered
    in one style; `last_number`: the last page's number ends the text."""
    lines = text.split("\n")
    t3_head = _header_lines(lines, "本年新收", T3_WORDS)
    t4_head = _header_lines(lines, "结果维持", T4_WORDS)
    t3_span = _span(lines, "本年新收", "结转下年度")
    t4_span = _span(lines, "结果维持", "五、")
    breaks = rng.randint(1, 4) if breaks is None else breaks
    # a document prints one style of page number, on every page, the last one too
    style = rng.choice(FOOTERS)
    spans = [t3_span, t4_span, _span(lines, "第二十条", "三、")]
    positions: set[int] = set()
    while len(positions) < min(breaks, len(lines) - 1):
        a, b = rng.choice(spans) if rng.random() < 0.6 else (1, len(lines))
        lo = max(1, a)
        pos = rng.randrange(lo, max(lo + 1, min(b, len(lines))))
        if all(abs(pos - p) >= PAGE_LINES for p in positions):  # a page holds some lines
            positions.add(pos)
    pages = len(positions) + 1
    if last_number:  # False: the copy ends before the last page's number
        lines.append(style.format(page=pages, pages=pages))
    cut: set[frozenset[str]] = set()
    for n, pos in enumerate(sorted(positions, reverse=True)):
        page = len(positions) - n
        block = [style.format(page=page, pages=pages)] + running_header(rng, report)
        if t3_span[0] < pos <= t3_span[1] and t3_head and rng.random() < 0.7:
            block += _partial(t3_head, rng)
        elif t4_span[0] < pos <= t4_span[1] and t4_head and rng.random() < 0.7:
            block += _partial(t4_head, rng)
        if rng.random() < 0.3:
            block = block[:1] + [""] + block[1:]
        line = lines[pos]
        pieces = _cut_row(line, rng) if rng.random() < 0.4 else None
        if pieces:
            cut.add(frozenset(_NUMBER.findall(unicodedata.normalize("NFKC", line[len(pieces[0]):]))))
            lines[pos:pos + 1] = [pieces[0], *block, pieces[1]]
        else:
            lines[pos:pos] = block
    return split_title("\n".join(lines), report, rng), cut


def _partial(head: list[str], rng: random.Random) -> list[str]:
    """The whole header, or only its last lines (the page break fell inside it)."""
    if len(head) > 1 and rng.random() < 0.3:
        return head[rng.randint(1, len(head) - 1):]
    return list(head)


def _span(lines: list[str], first: str, last: str) -> tuple[int, int]:
    start = next((i for i, ln in enumerate(lines) if first in ln), -1)
    end = next((i for i, ln in enumerate(lines) if i > start >= 0 and last in ln), start)
    return start, end + 1


def touched(values: dict, cut: set[frozenset[str]]) -> bool:
    """Whether a row (its cells' values) was printed on a line the break cut: every
    value it has is among that line's numbers."""
    printed = {str(v) for v in values.values() if v is not None}
    return any(printed and printed <= numbers for numbers in cut)
