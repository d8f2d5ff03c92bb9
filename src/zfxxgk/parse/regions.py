"""Where each table and part lies in the document.

Part headings bound the tables (二 -> 主动公开, 三 -> 申请, 四 -> 复议诉讼). When a
heading is missing (an excerpt, a damaged copy), the table's own header words
stand in for it, so a report without headings still yields its tables.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..ingest.document import Line
from ..model import Note
from ..standard.normalize import HAN, normalize_label
from .cells import split_line
from .runs import totals_every_five
from .sections import Heading, choose_headings, find_headings, section_bounds

_TABLE_SECTION = {"active": "2", "applications": "3", "review_litigation": "4"}
_SECTION_TABLE = {key: table for table, key in _TABLE_SECTION.items()}
_ANCHORS = {
    "active": ("第二十条第", "信息内容"),
    "applications": ("勾稽关系", "申请人情况", "本年新收政府信息公开申请数量"),
    "review_litigation": ("行政复议",),
}
T4_FALLBACK_LINES = 25


@dataclass
class Regions:
    bounds: dict[str, tuple[int, int]] = field(default_factory=dict)  # table -> line indexes
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)
    first_heading: int | None = None
    notes: list[Note] = field(default_factory=list)
    # where a second report on the page starts (its 一、总体情况 after this one's 六)
    report_end: int | None = None
    # a table printed twice, the area's summary and the body's own: the own read
    own_copy: bool = False

    def lines(self, lines: list[Line], table: str) -> list[Line]:
        a, b = self.bounds.get(table, (0, 0))  # a table not found has no lines
        return lines[a:b]

    def part_lines(self, lines: list[Line], key: str, table_start: int | None = None) -> list[Line]:
        """The lines of a part's text; in a table part only its sentences (a table
        row has no 。 and is cut in columns), and, before the table (whose first
        cell was read on line number `table_start`), a lead-in that ends without
        one (本年度收到申请情况如下：, 具体情况见下表)."""
        a, b = self.sections[key]
        body = [ln for ln in lines[a:b] if ln.text and not ln.text.isspace()]  # (strip() copies)
        if key not in ("2", "3", "4"):
            return body
        out: list[Line] = []
        for run in _sentences(body):
            text = "".join(ln.text.strip() for ln in run)
            if "。" in text or table_start is not None and run[-1].number < table_start \
                    and _LEAD_IN.search(text):
                out.extend(run)
        return out

    def part_bodies(self, lines: list[Line], first_cell_line: dict[str, int]) -> dict[str, list[Line]]:
        """Part -> its text's lines (`part_lines`; `first_cell_line`: table -> the line
        number its first cell was read from, where a lead-in before it ends), for
        `section_texts` and `text_before_tables`: each part is sifted once."""
        return {key: self.part_lines(lines, key, first_cell_line.get(_SECTION_TABLE.get(key)))
                for key in sorted(self.sections)}

    @staticmethod
    def section_texts(bodies: dict[str, list[Line]]) -> dict[str, str]:
        return {key: "\n".join(ln.text.strip() for ln in body) for key, body in bodies.items()}

    @staticmethod
    def text_before_tables(bodies: dict[str, list[Line]],
                           first_cell_line: dict[str, int]) -> dict[str, int]:
        """Part -> how many lines of its text come before its table (whose first
        cell was read on line number `first_cell_line[table]`); parts with none left out."""
        out = {}
        for table, key in _TABLE_SECTION.items():
            start = first_cell_line.get(table)
            if key in bodies and start is not None:
                n = sum(1 for ln in bodies[key] if ln.number < start)
                if n:
                    out[key] = n
        return out


# A sentence that announces the table: it ends with a colon, or points at the table
# below (如下, 见下表, 详见附表); a table's own header line does neither.
_LEAD_IN = re.compile(r"[：:]$|如下|下表|附表|见表")
_SENTENCE_END = tuple("。；;！!？?：:”）)")


def _is_row(line: Line) -> bool:
    return "\t" in line.text or "|" in line.text


def _sentences(body: list[Line]) -> list[list[Line]]:
    """A table part's text lines grouped as sentences; a table row stays alone (and
    is never text). Where the loader marked the table rows (PDF, Word, HTML), a text
    line that ends no sentence runs on into the next text line: a PDF wraps a long
    sentence, and its first line has no 。 of its own."""
    marked = any(ln.table is not None for ln in body)
    if not marked:  # plain text: each line a run of its own, the rows left out
        return [[ln] for ln in body if not _is_row(ln)]
    runs: list[list[Line]] = []
    for ln in body:
        last = runs[-1][-1] if runs else None
        if (last is not None and ln.table is None and last.table is None
                and not _is_row(ln) and not _is_row(last)
                and not last.text.strip().endswith(_SENTENCE_END)):
            runs[-1].append(ln)
        else:
            runs.append([ln])
    return [run for run in runs if not any(_is_row(ln) for ln in run)]


def find_regions(lines: list[Line]) -> Regions:
    headings = find_headings(lines)
    chosen = choose_headings(headings)
    regions = Regions(first_heading=min((h.index for h in chosen.values()), default=None))
    regions.sections = section_bounds(chosen, len(lines))
    if "6" in chosen:
        _second_report(regions, headings, chosen["6"].index, lines)
    regions.notes.extend(_section_notes(headings, chosen))
    normalized = _LazyNormalized(lines)
    for table, section in _TABLE_SECTION.items():
        if section in regions.sections:
            a, b = regions.sections[section]
            if _has_anchor(normalized, a, b, table) or (
                    table == "review_litigation" and _bare_t4_row(normalized.lines[a:b])):
                regions.bounds[table] = (a, b)
    if "applications" not in regions.bounds:
        _split_off_applications(regions, normalized)
    if "review_litigation" not in regions.bounds:
        _split_off_review(regions, normalized)
    if len(regions.bounds) < len(_TABLE_SECTION):
        _fallback_regions(regions, normalized)
    for table in regions.bounds:
        _own_copy(regions, table, normalized)
    return regions


# A caption over one copy of a table where a part prints two: the area's summary
# (（一）全区汇总情况) or the body's own (（二）本级情况, 本机关数据). It names whose
# figures follow and ends so; a row label (1.本机关不掌握相关政府信息) does not.
_CAPTION_HEAD = r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d{1,2}[.．、])?"
_CAPTION_TAIL = r"[^\d。，,;；|\t]{0,10}?(?:情况|数据|统计表?|部分|汇总)(?:如下)?[：:]?$"
_SUMMARY_CAPTION = re.compile(
    _CAPTION_HEAD + r"[^\d。，,;；|\t]{0,8}?(?:汇总|全(?:省|市|区|县|旗|州|盟|镇|乡)|本行政区域|本地区)"
    + _CAPTION_TAIL)
_OWN_CAPTION = re.compile(
    _CAPTION_HEAD + r"[^\d。，,;；|\t]{0,8}?(?:本级|本机关|本单位|本部门)" + _CAPTION_TAIL)


def _own_copy(regions: Regions, table: str, normalized: "_LazyNormalized") -> None:
    """A part printing the table twice, one copy captioned as the area's summary
    (全区汇总) and one as the body's own (本级, 本机关): the body's copy is its
    report's table, whichever comes first. Read by label, the first copy won: the
    summary's figures were read as the body's, or the summary's rows filled the
    rows the body's copy lacks. Without both captions nothing is told apart."""
    a, b = regions.bounds[table]
    captions = [(i, kind) for i in range(a, min(b, len(normalized)))
                for kind in (_caption_kind(normalized.lines[i].text),) if kind]
    own = next((i for i, kind in captions if kind == "own"), None)
    if own is None or not any(kind == "summary" for _, kind in captions):
        return
    end = next((i for i, kind in captions if kind == "summary" and i > own), b)
    if _has_anchor(normalized, own, end, table):
        regions.bounds[table] = (own, end)
        regions.own_copy = True


def _caption_kind(raw: str) -> str | None:
    text = raw.strip()
    if not text or len(text) > 30 or "\t" in text or "|" in text:
        return None
    if "汇总" in text or "全" in text or "本" in text:  # (cheap: most lines are neither)
        text = text.replace(" ", "")
        if _OWN_CAPTION.match(text):
            return "own"
        if _SUMMARY_CAPTION.match(text):
            return "summary"
    return None


# a report's title line: where a second report on the page starts, before its 一、
_TITLE_LINE = re.compile(r"政府信息公开.{0,8}(?:报告|年报)")


def _second_report(regions: Regions, headings: list[Heading], six: int, lines: list[Line]) -> None:
    """A second report after this one's part 六 (its 一、总体情况 follows): this report
    ends there (`report_end`), and part 六 ends at the second's title, so that its
    text is this report's own."""
    end = next((h.index for h in headings if h.section == "1" and h.index > six), len(lines))
    regions.report_end = end
    if end == len(lines):
        return
    a, _ = regions.sections["6"]
    title = next((i for i in range(a, end) if len(lines[i].text) <= 60 and "。" not in lines[i].text
                  and _TITLE_LINE.search(lines[i].text)), end)
    regions.sections["6"] = (a, title)


_T3_LAST_ROW = "结转下年度继续办理"


def _split_off_review(regions: Regions, normalized: "_LazyNormalized") -> None:
    """Part 四's heading missing: table 四 is then inside table 三's region. Its
    header rows after table 三's last row start it, and end table 三 there."""
    if "applications" not in regions.bounds:
        return
    a, b = regions.bounds["applications"]
    last = next((i for i in range(a, b) if _T3_LAST_ROW in normalized[i]), None)
    if last is None:
        return
    start = next((i for i in range(last + 1, b) if _t4_header_at(normalized, i)), None)
    if start is None:
        return
    regions.bounds["applications"] = (a, start)
    regions.bounds["review_litigation"] = (start, _table_end(normalized, start, b))


def _split_off_applications(regions: Regions, normalized: "_LazyNormalized") -> None:
    """Part 三's heading missing: table 三 is then inside part 二's region (table
    二's). Its own header rows start it there, and end table 二."""
    if "active" not in regions.bounds:
        return
    a, b = regions.bounds["active"]
    start = next((i for i in range(a, b) if _is_t3_header(normalized[i])), None)
    if start is None:
        return
    regions.bounds["active"] = (a, start)
    regions.bounds["applications"] = (start, b)


def _is_t3_header(text: str) -> bool:
    """A header line of table 三 (not a sentence quoting its words)."""
    return len(text) <= 60 and "。" not in text and any(a in text for a in _ANCHORS["applications"])


def _table_end(normalized: "_LazyNormalized", start: int, end: int) -> int:
    """Where a table found by its header ends when no part heading bounds it: at the
    next part heading (`end` short of the document's end), else at the first
    sentence after it, and within a bound either way."""
    if end < len(normalized):
        return end
    limit = min(end, start + T4_FALLBACK_LINES * 5)
    return next((i for i in range(start + 1, limit) if "。" in normalized[i]), limit)


class _LazyNormalized:
    """Normalised line texts, computed only for the lines a lookup touches:
    most reports never need the prose normalised."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.cache: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> str:
        text = self.cache.get(i)
        if text is None:
            text = self.cache[i] = normalize_label(self.lines[i].text)
        return text


_T4_WORDS = ("行政复议", "行政诉讼", "结果维持", "复议后起诉", "未经复议", "尚未审结")


def _is_t4_header(text: str) -> bool:
    """A header line of table 四, not prose that mentions reconsideration."""
    return len(text) <= 40 and "。" not in text and "，" not in text and "," not in text and \
        any(w in text for w in _T4_WORDS)


# marks of a sentence that normalising keeps (，becomes ,): no table 四 header holds one
_SENTENCE_MARKS = ("。", "，", ",")


def _t4_header_at(normalized: "_LazyNormalized", i: int) -> bool:
    """`_is_t4_header` of line i, a line with a sentence's mark ruled out before it is
    normalised: most lines a search for the header passes are prose, and normalising
    a sentence (NFKC of its full-width commas) costs more than the rest of the test.
    A line printing the whole table as one run (its header words and its fifteen
    numbers, or each group's name before its five) is longer than a header, but no
    sentence lists fifteen numbers without a mark."""
    raw = normalized.lines[i].text
    if any(m in raw for m in _SENTENCE_MARKS):
        return False
    text = normalized[i]
    return _is_t4_header(text) or (any(w in text for w in _T4_WORDS)
                                   and len(_NUMBER.findall(raw)) >= _T4_CELLS)


_NUMBER = re.compile(r"[0-9０-９]+")
_T4_CELLS = 15  # table 四's row: three groups of five


def _has_anchor(normalized: "_LazyNormalized", a: int, b: int, table: str) -> bool:
    """Whether lines a..b hold the table's header words (table 四: a header line)."""
    lines = range(a, min(b, len(normalized)))
    if table == "review_litigation":
        return any(_t4_header_at(normalized, i) for i in lines)
    texts = (normalized[i] for i in lines)  # lazily: the search stops at its first hit
    return any(any(w in t for w in _ANCHORS[table]) for t in texts)


def _bare_t4_row(lines: list[Line]) -> bool:
    """Part 四 printing table 四's row without its header (left out when copied):
    a line of fifteen counts alone, each group of five totalling itself (T4-1).
    The form's order is read, as for the other tables whose header names nothing."""
    for line in lines:
        if len(_NUMBER.findall(line.text)) != _T4_CELLS or HAN.search(line.text):
            continue
        cells = [c for c in split_line(line.text) if c.kind != "empty"]
        if len(cells) == _T4_CELLS and all(type(c.value) is int for c in cells) \
                and totals_every_five([c.value for c in cells]):
            return True
    return False


def _fallback_regions(regions: Regions, normalized: _LazyNormalized) -> None:
    """Tables whose part heading is missing: start at their first header words,
    end where the next table starts (or a part heading follows)."""
    starts: dict[str, int] = {}
    headings = {a - 1 for a, _ in regions.sections.values()}  # 四、……行政复议…… is no header
    for table in _TABLE_SECTION:
        if table in regions.bounds:
            starts[table] = regions.bounds[table][0]
            continue
        for i in range(len(normalized)):
            if i not in headings and all(not (a <= i < b) for a, b in regions.bounds.values()) \
                    and _has_anchor(normalized, i, i + 1, table):
                starts[table] = i
                break
    heading_starts = sorted(a - 1 for a, _ in regions.sections.values())
    for table, start in starts.items():
        if table in regions.bounds:
            continue
        later = [s for s in list(starts.values()) + heading_starts if s > start]
        end = min(later) if later else len(normalized)
        if table == "review_litigation":
            end = _table_end(normalized, start, end)
        regions.bounds[table] = (start, end)


def _section_notes(headings: list[Heading], chosen: dict[str, Heading]) -> list[Note]:
    notes: list[Note] = []
    seen = Counter(h.section for h in headings)
    for key in "123456":
        if key not in chosen:
            notes.append(Note("section", data={"problem": "missing", "section": key}))
        elif seen[key] > 1:
            h = chosen[key]
            notes.append(Note("section", line=h.line.number, excerpt=h.printed,
                              data={"problem": "duplicate", "section": key}))
    order = [int(h.section) for h in headings]
    if order != sorted(order):
        first = next(h for h, nxt in zip(headings, headings[1:]) if int(nxt.section) < int(h.section))
        notes.append(Note("section", line=first.line.number, excerpt=first.printed,
                          data={"problem": "order", "section": first.section}))
    for h in chosen.values():
        if not h.official:
            from ..standard import SECTIONS
            notes.append(Note("label", line=h.line.number, excerpt=h.printed,
                              data={"printed": h.printed, "official": SECTIONS[h.section],
                                    "what": "section"}))
    return notes
