"""A table region as a stream of labels and value groups, then rows.

PDF text puts a row's numbers on the line of its label, before it, after it, or
between the two halves of a wrapped label; the one-cell-per-line style puts each
number on a line of its own. Reading the region as an ordered stream of
`LabelItem`s and `ValueGroup`s and pairing them in order (`align`) covers all of
these with one rule, anchored on the lines where label and numbers share a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..ingest.document import Line
from ..standard.normalize import HAN, normalize_label
from .cells import DOUBTED_DIGIT, LETTER_FIGURE, Cell, classify, is_footer, split_line
from .matcher import Match, RowMatcher


@dataclass(slots=True)
class ValueGroup:
    cells: list[Cell]
    line: Line
    glued: bool = False  # one run of digits to be split
    lines: list[Line] = field(default_factory=list)  # every line that contributed
    start: int = 0  # index of the first cell among its line's cells (for source columns)
    starts: list[int] = field(default_factory=list)  # per line, when one cell per line
    unplaced: bool = False  # cells no reading may place (t3_forms.py: a row of a 小计 table)

    @property
    def stripped(self) -> list[Cell]:
        cells = list(self.cells)
        while cells and cells[0].kind == "empty":
            cells.pop(0)
        while cells and cells[-1].kind == "empty":
            cells.pop()
        return cells


@dataclass(slots=True)
class LabelItem:
    match: Match
    line: Line
    values: ValueGroup | None = None  # set when the numbers follow on the same line


Item = LabelItem | ValueGroup


def region_items(lines: list[Line], matcher: RowMatcher) -> list[Item]:
    """The stream of a region. Lines holding a single number or blank mark
    (one-cell-per-line layout) are gathered into one group."""
    items: list[Item] = []
    single: ValueGroup | None = None
    for line in lines:
        if not line.text:  # a blank line (a blanked one: page furniture), told before the look-up
            continue
        shape = analyse_line(line.text, matcher)
        if shape is None:
            continue
        if shape[0] == "single":
            _, cell, index = shape
            if single is None:
                single = ValueGroup([], line, lines=[])
                items.append(single)
            single.cells.append(cell)
            single.lines.append(line)
            single.starts.append(index)
            continue
        single = None
        items.extend(_bind(shape[1], line))
    return items


# a line holding one of these alone is one cell of the one-cell-per-line layout: a
# number, or the mark of a blank cell ("— |"), which keeps the cells after it in place
_SINGLE_KINDS = frozenset({"number", "placeholder"})


# What a line's text says, independent of where the line stands: ("single", cell,
# index) for a line holding one number, ("items", tokens) otherwise, where a token
# is ("label", match, glued run cell or None, cell index) or ("values", cells, start).
# Memoised per matcher: the same lines ("0 0 0 0 0 0 0", headers, label lines)
# recur across the reports of a corpus.
@lru_cache(maxsize=100_000)
def analyse_line(text: str, matcher: RowMatcher) -> tuple | None:
    if not text or "。" in text or text.isspace() or is_footer(text):
        return None  # a blank line, a page number, or a sentence (no table row has a "。")
    cells = split_line(text)
    if len(cells) <= 2:
        values = [c for c in cells if c.kind != "empty"]
        if len(values) == 1 and values[0].kind in _SINGLE_KINDS:
            return ("single", values[0], cells.index(values[0]))
    return ("items", tuple(_tokens(cells, matcher)))


def _tokens(cells: list[Cell], matcher: RowMatcher) -> list[tuple]:
    out: list[tuple] = []
    group: list[Cell] = []
    group_start = 0
    filled = False  # the group holds a cell that is not empty
    for index, cell in enumerate(cells):
        kind = cell.kind
        if kind != "text":
            if not group:
                group_start = index
            group.append(cell)
            if kind != "empty":
                filled = True
            continue
        labels = _labels_in(cell.text, matcher)
        if not labels and _unreadable_value(cell) and (filled or out and out[-1][0] == "label"):
            # a number printed with words or marks ("约3", "3（注）"): the cell of a
            # value no count can be read from, kept in its place among the row's cells
            if not group:
                group_start = index
            group.append(cell._replace(kind="placeholder"))
            filled = True
            continue
        if filled:
            out.append(("values", tuple(group), group_start))
        group, filled = [], False
        if not labels:
            # text that is no label (a continuation, a header word) ends a group
            out.append(("text",))
            continue
        for m, run in labels:
            out.append(("label", m, run, index))
    if filled:
        out.append(("values", tuple(group), group_start))
    return out


_TEXT_DIGIT = re.compile(r"\d")
_ITEM_START = re.compile(r"^\d{1,2}\s*[.、．)）]")
# a letter that looks like a digit, which alone may also be a Roman numeral (I), or
# one a text layer prints for a digit (letter_cells: S 5, B 8, Z 2, g 9, b 6)
_LONE_LOOKALIKES = frozenset({"I", "o", "S", "B", "Z", "g", "b"})


def _unreadable_value(cell: Cell) -> bool:
    """A short text cell holding a digit and at most two words' characters: a value
    printed with a word or marks around it (``约3``, ``3（注）``). A header word has no
    digit; a remark (``含3件网上办理``) has more words; a part of a label that starts
    with its item number (``4.无正当理由``, cut off by a PDF line) is no value. The
    figure's length does not count (``10180（含10180）``)."""
    text = cell.text
    if text in _LONE_LOOKALIKES or DOUBTED_DIGIT.search(text) and LETTER_FIGURE.match(text):
        return True  # a digit typed or printed as a letter, or doubted (doubted_cells), alone
    return (len(_TEXT_DIGIT.sub("", text)) <= 8 and _TEXT_DIGIT.search(text) is not None
            and len(HAN.findall(text)) <= 2 and not _ITEM_START.match(text))


@lru_cache(maxsize=1 << 14)
def _labels_in(text: str, matcher: RowMatcher) -> tuple[tuple[Match, Cell | None], ...]:
    """The row labels in one text cell, each with the digits glued to its end (a
    run to be cut) or None. Cached: the same label cells recur in every report,
    while the lines around them differ in their numbers."""
    text = normalize_label(text)
    matches = matcher.scan(text)
    out = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start if i + 1 < len(matches) else len(text)
        after = text[m.end:end]
        run = _leading_digits(after)
        if run and after[len(run):].strip(".、 "):
            run = ""  # digits followed by words ("368件，…"): prose, not a row's cells
        out.append((m, classify(run) if run else None))
    return tuple(out)


def _bind(tokens: tuple, line: Line) -> list[Item]:
    """Items of one line from its shape: numbers after a label on the same line
    belong to it; numbers after other text float."""
    out: list[Item] = []
    label: LabelItem | None = None
    for token in tokens:
        kind = token[0]
        if kind == "text":
            label = None
        elif kind == "label":
            _, match, run, index = token
            label = LabelItem(match, line)
            out.append(label)
            if run is not None:
                label.values = ValueGroup([run], line, glued=True, lines=[line], start=index)
        else:
            _, cells, start = token
            group = ValueGroup(list(cells), line, lines=[line], start=start)
            if label is not None and label.values is None:
                label.values = group
            elif label is not None and label.values.glued and len(label.values.cells) == 1:
                # digits glued to the label and more numbers after them: one row
                label.values.cells.extend(cells)
            else:
                out.append(group)
    return out


_ITEM_AHEAD = re.compile(r"\d\.(?=\D)")


def _leading_digits(text: str) -> str:
    """Digits glued to the end of a label: its numbers run together. An item
    number of a following label (``2.申请人…``) is no value."""
    if not text or not (text[0].isdigit() or text[0] in ".+-"):
        return ""
    n = 0
    while n < len(text) and (text[n].isdigit() or text[n] in ".+-"):
        n += 1
    run = text[:n]
    if _ITEM_AHEAD.fullmatch(run) or (run.endswith(".") and n < len(text)):
        return ""
    return run.rstrip(".")


@dataclass(slots=True)
class Assigned:
    row: str
    label: LabelItem | None
    values: ValueGroup | None


def align(items: list[Item], row_order: list[str], min_floating: int = 1,
          optional: frozenset[str] = frozenset()) -> dict[str, Assigned]:
    """Pair labels with value groups.

    Anchors are labels with their numbers on the same line. Between two anchors,
    the labels without numbers and the groups without labels are paired in order;
    if there are more groups than labels, rows whose label was not found at all
    take the extra groups, in the official order (`optional` rows, which a
    report may leave out, never do). Groups smaller than
    `min_floating` cells (stray numbers from prose) never float to a label."""
    order = {code: i for i, code in enumerate(row_order)}
    result: dict[str, Assigned] = {}
    found_rows = {it.match.row for it in items if isinstance(it, LabelItem)}
    segment_labels: list[LabelItem] = []
    segment_groups: list[ValueGroup] = []
    last_anchor = -1

    def close(next_anchor: int) -> None:
        if not segment_labels and not segment_groups:
            return  # two anchors in a row: nothing between them to pair
        labels = [lb for lb in segment_labels if lb.match.row not in result]
        groups = list(segment_groups)
        gaps = [code for code in row_order[last_anchor + 1: next_anchor]
                if code not in found_rows and code not in result and code not in optional]
        if gaps and groups:
            if len(groups) != len(labels) + len(gaps):
                # a row whose label was not found lies in this stretch, and the
                # numbers do not say which group is its: pair nothing rather than guess
                pairs: list[tuple[str, LabelItem | None, ValueGroup]] = []
            else:
                slots: list[tuple[str, LabelItem | None]] = [(lb.match.row, lb) for lb in labels]
                slots += [(code, None) for code in gaps]
                slots.sort(key=lambda s: order.get(s[0], 0))
                pairs = [(code, lb, g) for (code, lb), g in zip(slots, groups)]
        elif len(groups) == len(labels):
            pairs = [(lb.match.row, lb, g) for lb, g in zip(labels, groups)]
        else:
            pairs = [(lb.match.row, lb, g) for lb, g in nearest_in_order(labels, groups)]
        for code, lb, g in pairs:
            result[code] = Assigned(code, lb, g)
        for lb in labels:
            result.setdefault(lb.match.row, Assigned(lb.match.row, lb, None))

    for it in items:
        if isinstance(it, LabelItem):
            if it.match.row in result:
                continue  # a label printed twice: the first reading stands
            if it.values is not None:
                close(order.get(it.match.row, last_anchor + 1))
                result[it.match.row] = Assigned(it.match.row, it, it.values)
                last_anchor = order.get(it.match.row, last_anchor)
                segment_labels, segment_groups = [], []
            else:
                segment_labels.append(it)
        elif len(it.stripped) >= min_floating or it.glued or _run_of_a_row(it, min_floating):
            segment_groups.append(it)
    close(len(row_order))
    return result


def _run_of_a_row(group: ValueGroup, min_floating: int) -> bool:
    """A lone run of at least `min_floating` digits on a line of its own: a row whose
    separators were lost (PDF text), not a stray number. It takes its place among
    the groups, so that the label it belongs to is not paired with the next row's
    numbers; the digits are then cut by the row's identities, or stay null."""
    cells = group.stripped
    if len(cells) != 1 or cells[0].kind != "number":
        return False
    text = cells[0].text
    return text.isdigit() and len(text) >= min_floating


def nearest_in_order(labels: list[LabelItem], groups: list[ValueGroup]) -> list[tuple[LabelItem, ValueGroup]]:
    """Pair the smaller side with the larger in order, each item with its nearest
    partner by line: when a value line or a label is missing from a damaged text,
    the rows next to the gap stay empty instead of taking a neighbour's numbers."""
    swap = len(groups) > len(labels)
    small = [g.line.number for g in groups] if not swap else [lb.line.number for lb in labels]
    large = [lb.line.number for lb in labels] if not swap else [g.line.number for g in groups]
    n, m = len(large), len(small)
    inf = float("inf")
    # cost[i][j]: best cost placing the first j small items among the first i large ones
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    take = [[False] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = 0
    for i in range(1, n + 1):
        for j in range(1, min(i, m) + 1):
            skip = cost[i - 1][j]
            use = cost[i - 1][j - 1] + abs(large[i - 1] - small[j - 1])
            if use <= skip:
                cost[i][j], take[i][j] = use, True
            else:
                cost[i][j] = skip
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if take[i][j]:
            pairs.append((i - 1, j - 1))
            j -= 1
        i -= 1
    pairs.reverse()
    # a partner exactly as far from a neighbour as from its own is a coin toss: drop it
    pairs = [(i, j) for i, j in pairs
             if all(abs(large[k] - small[j]) > abs(large[i] - small[j])
                    for k in (i - 1, i + 1) if 0 <= k < n)]
    if swap:
        return [(labels[j], groups[i]) for i, j in pairs]
    return [(labels[i], groups[j]) for i, j in pairs]


def spaced(group: ValueGroup | None) -> bool:
    """The group's numbers were separated by spaces on one line (not tabs or pipes),
    so a space may be a stray one inside a number."""
    if group is None or len(group.lines) > 1:
        return False
    text = group.line.text
    return "\t" not in text and "|" not in text


_TOKEN = re.compile(r"\S+")


def _gaps(group: ValueGroup) -> tuple[list[int], int] | None:
    """The spaces between a spaced row's numbers and after its label, or None."""
    n = len(group.stripped)
    if n < 2 or not spaced(group):
        return None
    spans = [m.span() for m in _TOKEN.finditer(group.line.text)]
    numbers = spans[-n:]
    if [group.line.text[a:b] for a, b in numbers] != [c.raw.strip() for c in group.stripped]:
        return None
    gaps = [b[0] - a[1] for a, b in zip(numbers, numbers[1:])]
    return gaps, numbers[0][0] - spans[-n - 1][1] if len(spans) > n else 0


def even_gaps(group: ValueGroup) -> bool:
    """A spaced row whose numbers are all set off by single spaces: any of them
    may be a stray one, and nothing in the spacing says which."""
    found = _gaps(group)
    return found is not None and set(found[0]) == {1}


def lone_gaps(group: ValueGroup) -> tuple[int, ...]:
    """Where a single space parts two of a spaced row's numbers while the row's
    other spaces, the one after its label too, are wider (规章      65   16 0,
    政府集中采购     10 0): a space that may be a stray one inside a number; ()
    where the row's spacing tells nothing (all single, all wider)."""
    found = _gaps(group)
    if found is None:
        return ()
    gaps, after_label = found
    if min(gaps) != 1 or max(gaps + [after_label]) < 2:
        return ()
    return tuple(j for j, gap in enumerate(gaps) if gap == 1)


def letter_spaced(group: ValueGroup) -> list[Cell] | None:
    """A spaced row's numbers with each run of single digits parted by single spaces
    joined into one (``3 8 6`` -> 386: a PDF's character spacing, letter-spaced
    digits), where the row's other spaces and the one after its label are wider
    (`lone_gaps`); the joined cell keeps its printed text. None where the row has no
    such run, or a run holds more than one digit a piece or opens with 0."""
    gaps = set(lone_gaps(group))
    if not gaps:
        return None
    cells = group.stripped
    runs: list[list[Cell]] = [[cells[0]]]
    for j, cell in enumerate(cells[1:]):
        if j in gaps:
            runs[-1].append(cell)
        else:
            runs.append([cell])
    out = []
    for run in runs:
        if len(run) == 1:
            out.append(run[0])
            continue
        if any(c.kind != "number" or len(c.text) != 1 for c in run) or run[0].text == "0":
            return None
        text = "".join(c.text for c in run)
        out.append(Cell(" ".join(c.raw.strip() for c in run), text, "number", int(text)))
    return out
