"""A source line as cells.

Text reaches us with three kinds of separators: tabs (copied from web tables and
Word), pipes (Markdown, and the one-cell-per-line ``0 |`` style), and runs of spaces
(PDF text). `split_line` turns each into the same list of `Cell`s, so the table
readers never look at separators again.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from ..ingest.pdf_digits import DOUBTED
from ..standard.normalize import HAN, nfkc, visible

_NUMBER = re.compile(r"^[+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_NUMBER_UNIT = re.compile(r"^([+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(万元|元|件|个|条|项|次|人次)$")
# 2019 table 二's 本年增/减 printed in words (增加5, 减少3项, 减3): the sign is the word's
_CHANGE = re.compile(r"^(增加|增|减少|减)(\d+)(?:项|个|件)?$")
_UNITS = frozenset({"万元", "元", "件", "个", "条", "项", "次", "人次"})
_PLACEHOLDERS = {"/", "／", "-", "—", "——", "--", "－", "–", "无", "空", "\\", "×", "…", "……", "*"}
# a cell printing only marks, whatever their number and mix ("———", "-/-", "……",
# NFKC's "......"): a blank; "〇" too, the zero of dates, never read as the count 0
_MARKS_ONLY = re.compile(r"^(?:[-—–―/\\…·×*〇]|\.\.+)+$")
# a note mark: a raised or lowered digit, a circled, parenthesized or dotted number
# (¹ ₁ ① ⑴ ⒈ ❶ ⓫ ㉑ 🄂), which NFKC would make digits of (12¹ -> 121, ①12 -> 112)
_MARK_CHARS = "¹²³⁰⁴-⁹₀-₉①-⒛⓪-⓿❶-➓㉑-㉟㊱-㊿\U0001f100-\U0001f10a"
_NOTE_MARK = re.compile(f"[{_MARK_CHARS}]")
# the marks printed before or after a figure (¹57, 57¹, ① 57): the figure between is read
_END_MARKS = re.compile(f"^[{_MARK_CHARS}\\s]+|[{_MARK_CHARS}\\s]+$")
# a mark right after a digit, kept as a mark when the cell is no figure (12①3)
_MARK_AFTER_DIGIT = re.compile(f"(?<=[0-9０-９])[{_MARK_CHARS}]+")
# the minus sign (U+2212) of word processors, which NFKC leaves as it is
_WORD_PLACEHOLDERS = {"无", "空"}
_DIGIT = re.compile(r"\d")
# a number printed in letters that look like its digits: a figures font whose
# ToUnicode map gives O for 0 and l for 1 (the page shows 10, the text says lO), or
# a letter O typed for a zero; capital I and small o are left alone (II is a Roman two)
_LOOKALIKE = re.compile(r"^(?=.*[Ol])[0-9Ol]{1,12}(?:\.[0-9Ol]{1,4})?$")
# beside a real digit, a small o, a capital I or the numeral 〇 typed for 0 or 1
# (1o5, 2I, 2〇5: re-typed, or a CMS's font) is the digit too; alone they stay text
# (I, II: Roman numerals; 〇: a blank's mark)
_LOOKALIKE_MIXED = re.compile(r"^(?=.*\d)(?=.*[oI〇])[0-9OlIo〇]{2,12}(?:\.[0-9OlIo〇]{1,4})?$")
_AS_DIGITS = str.maketrans("OlIo〇", "01100")
# a figure a text layer printed with letters for some digits (S 5, B 8, Z 2, g 9, b 6):
# no number as printed, a cell of its own (letter_cells reads it where confirmed)
# (and a 1 printed as a bar, | or 丨, where the bar is no separator: `_bar_digits`)
# (and a digit a doubted PDF font drew, U+F800-U+F863: doubted_cells reads it where confirmed)
DOUBTED_RANGE = f"{chr(DOUBTED)}-{chr(DOUBTED + 99)}"
DOUBTED_DIGIT = re.compile(f"[{DOUBTED_RANGE}]")
LETTER_FIGURE = re.compile(f"^(?=.*[SBZgb|丨{DOUBTED_RANGE}])[0-9SBZgbOlIo|丨{DOUBTED_RANGE}]{{1,9}}$")
# 、 typed for the thousands comma (4、571), three digits after each
_DUNHAO_GROUPS = re.compile(r"^[+\-]?\d{1,3}(?:、\d{3})+(?:\.\d+)?$")
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FOOTER = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")


class Cell(NamedTuple):
    """`kind`: ``empty``, ``number``, ``unit`` (number printed with a unit),
    ``placeholder`` (``/``, ``—``, ``无``), or ``text``. A named tuple, immutable:
    one is made for every number of every table, and a frozen dataclass costs
    three times as much to build."""

    raw: str
    text: str  # NFKC, stripped
    kind: str
    value: int | Decimal | None = None
    unit: str | None = None


def to_number(text: str) -> int | Decimal | None:
    """The number as printed: int for counts, Decimal (digits kept) with a point."""
    t = text.replace(",", "")
    if t.startswith("+"):
        t = t[1:]
    try:
        if "." in t:
            return Decimal(t)
        return int(t)
    except (ValueError, InvalidOperation):
        return None


@lru_cache(maxsize=1 << 16)
def classify(raw: str) -> Cell:
    """Cached: cells are immutable and ``0`` is most of every table."""
    plain = raw.strip()
    if plain.isdigit() and plain.isascii():
        # the common cell, a count in ASCII digits: what the general path gives it
        return Cell(raw, plain, "number", int(plain))
    if not raw.isascii() and _NOTE_MARK.search(raw):
        return _marked(raw)
    return _read(raw, visible(nfkc(raw)).strip())


def _marked(raw: str) -> Cell:
    """A cell with a note mark (a web page's 57¹ or ①57, a Word 57 with its mark
    typed as ①): the figure the marks stand before or after, never a digit of it
    (57¹ is 57, not 571). Marks elsewhere (5①7), or a cell of marks alone (¹, ⁵⁷:
    a mark or a raised figure, no telling which), leave no number: the cell is
    text as printed (the finding shows ⁵⁷, not 57), null with F-VALUE; a label keeps
    its item number (①属于国家秘密 as 1属于国家秘密)."""
    core = _END_MARKS.sub("", raw)
    if core and not _NOTE_MARK.search(core):
        cell = classify(core)
        if cell.kind in ("number", "unit"):
            return cell._replace(raw=raw)
    cell = _read(raw, visible(nfkc(_MARK_AFTER_DIGIT.sub("*", raw))).strip())
    return cell if cell.kind in ("text", "empty") else Cell(raw, visible(raw).strip(), "text")


def _read(raw: str, text: str) -> Cell:
    """The cell of `raw` from its NFKC `text`."""
    if not text:
        return Cell(raw, "", "empty")
    compact = text.replace(" ", "").replace("−", "-")  # (the minus sign)
    if _NUMBER.match(compact):
        return Cell(raw, compact, "number", to_number(compact))
    m = _NUMBER_UNIT.match(compact)
    if m:
        return Cell(raw, compact, "unit", to_number(m.group(1)), m.group(2))
    if compact[0] in "增减":
        m = _CHANGE.match(compact)
        if m:
            signed = ("-" if m.group(1)[0] == "减" else "") + m.group(2)
            return Cell(raw, signed, "number", to_number(signed))
    if compact in _PLACEHOLDERS or _MARKS_ONLY.match(compact):
        return Cell(raw, compact, "placeholder")
    if _DUNHAO_GROUPS.match(compact):
        grouped = compact.replace("、", ",")
        return Cell(raw, grouped, "number", to_number(grouped))
    if _LOOKALIKE.match(compact) or _LOOKALIKE_MIXED.match(compact):
        digits = compact.translate(_AS_DIGITS)
        return Cell(raw, digits, "number", to_number(digits))
    return Cell(raw, text, "text")


BLANK = classify("")  # a cell printing nothing (or none the source prints)


def is_footer(raw: str) -> bool:
    """Page numbers left between the rows by PDF extraction (``- 3 -``)."""
    if len(raw) > 24 or not _DIGIT.search(raw):
        return False
    return bool(_FOOTER.match(nfkc(raw)))


def split_line(raw: str) -> list[Cell]:
    """Cells of one line. Empty cells are kept only where a layout can mean a
    blank (tabs, Markdown, `` | ``-separated rows); the padding of the
    one-cell-per-line style (``0 | ||``) is dropped."""
    if "\t" in raw:
        return list(map(classify, raw.split("\t")))
    stripped = raw.strip()
    if "|" in stripped and _GLUED_BAR.search(stripped):
        raw = stripped = _bar_digits(stripped)
    if "|" in stripped:
        if "--" in stripped and _MD_SEPARATOR.match(stripped) and _separates(stripped):
            return []
        if raw.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            # Markdown: the outer pipes are the table's border, not cells (a row
            # starting " | " instead begins with a blank cell)
            return list(map(classify, stripped[1:-1].split("|")))
        cells = list(map(classify, raw.split("|")))
        if stripped.endswith("|") and sum(c.kind != "empty" for c in cells) <= 1:
            # one cell per line: "0 | ||" is one value and padding
            return [c for c in cells if c.kind != "empty"]
        return cells
    return _split_spaces(stripped)


# a bar touching a digit: a 1 a text layer or a re-typist printed as | (34|, |8, 3|5)
# where the line's bars between cells stand apart (` | `) or its cells are apart by spaces
_GLUED_BAR = re.compile(r"(?<=\d)\||\|(?=\d)")
_APART = re.compile(r" \| |\S {2,}\S")


def _bar_digits(line: str) -> str:
    """`line` with the bars touching a digit made 丨 (no separator: the cell they
    are in is then no figure, null rather than a digit short) where its other
    bars stand apart from their cells, or it has no other and its cells are
    apart by spaces (PDF text); a compact Markdown row (|1|2|) keeps them."""
    if _APART.search(_GLUED_BAR.sub("丨", line)) is None:
        return line
    return _GLUED_BAR.sub("丨", line)


def _separates(row: str) -> bool:
    """A Markdown separator row starts with a pipe or has two runs of dashes; a
    lone ``-- |`` is a blank cell's mark in the one-cell-per-line layout."""
    return row.startswith("|") or len(re.findall(r"-+", row)) >= 2


_GLUED_MARK = re.compile(r"^(?=.*\d)(?=.*[—/／－])(?:\d+|[—/／－]+)+$")
_MARK_PIECES = re.compile(r"\d+|[—/／－]+")
_DATE = re.compile(r"^\d{4}[/／]\d{1,2}(?:[/／]\d{1,2})?$")


_ITEM_DIGITS = re.compile(r"^[0-9０-９]{1,2}$")
# a label's item number (4.无正当理由, 第二十条) or a year: no noted number
_NOT_NOTED = re.compile(r"^(?:\d{1,2}\s*[.、．)）]|第)|\d{4}年")
_NOTED_START = re.compile(r"^(?:[约近逾超<＜(（*]*\d)")


def _noted_number(token: str) -> bool:
    """A token that is a number with a word or mark around it (约3, 5*, 3（注）):
    it opens with the number or a word of measure or a mark before it (a label
    run into its digits, 总计4552…, opens with its words), at most two words'
    characters, no item number or year."""
    return (_NOTED_START.match(token) is not None and len(HAN.findall(token)) <= 2
            and len(_DIGIT.sub("", token)) <= 8 and not _NOT_NOTED.search(token))
_ITEM_MARK = re.compile(r"^[.．、](?![0-9０-９])")


def _figure_like(token: str) -> bool:
    """A number, or a figure printed with letters for digits."""
    return classify(token).kind == "number" or LETTER_FIGURE.match(token) is not None


def _split_spaces(text: str) -> list[Cell]:
    """PDF text: numbers are separated by spaces, and so are pieces of one label
    (``结果 维持``, ``情 形，不``); consecutive non-number tokens form one text cell."""
    cells: list[Cell] = []
    pending: list[str] = []
    tokens = text.split()
    for k, token in enumerate(tokens):
        if len(token) <= 2 and k + 1 < len(tokens) and tokens[k + 1][0] in ".．、" \
                and _ITEM_DIGITS.match(token) and _ITEM_MARK.match(tokens[k + 1]):
            # a letter-spaced label's item number ("1 . 申 请 人", "3 、 其 他"): words
            pending.append(token)
            continue
        if not token.isdigit() and _GLUED_MARK.match(token) and not _DATE.match(token):
            # digits glued to a blank cell's mark ("20/", "—4296"): the mark is a
            # cell of its own, so the digits beside it are not taken for the whole row
            # (most tokens are digits alone, told without the pattern: no mark in them)
            if pending:
                cells.append(classify(" ".join(pending)))
                pending = []
            cells.extend(classify(piece) for piece in _MARK_PIECES.findall(token))
            continue
        cell = classify(token)
        if token in _UNITS and not pending and cells and cells[-1].kind == "number":
            # a unit set off by a space ("399 件", PDF text): it belongs to the number
            # and is no text ending the row's numbers
            cells[-1] = classify(cells[-1].raw + token)
            continue
        if pending and cell.kind == "text" and _noted_number(token) and (
                k + 1 == len(tokens) or classify(tokens[k + 1]).kind == "number"):
            # a number with a word or mark ("约3", "5*") after the label, before the
            # row's numbers: a cell of its own, not the label's last word
            cells += [classify(" ".join(pending)), cell]
            pending = []
            continue
        if cell.kind == "text" and LETTER_FIGURE.match(token) and (
                _DIGIT.search(token) or k + 1 < len(tokens) and _figure_like(tokens[k + 1])):
            # a figure with letters for digits (13Z, or Z before the row's numbers):
            # a cell of its own, not a word of the label or of the cell before
            if pending:
                cells.append(classify(" ".join(pending)))
                pending = []
            cells.append(cell)
            continue
        # "无" right after words is the rest of a label split by spaces ("申请人 无正当…")
        if cell.kind == "text" or (pending and cell.kind == "placeholder" and token in _WORD_PLACEHOLDERS):
            pending.append(token)
            continue
        if pending:
            cells.append(classify(" ".join(pending)))
            pending = []
        cells.append(cell)
    if pending:
        cells.append(classify(" ".join(pending)))
    return cells
