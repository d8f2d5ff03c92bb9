"""Damage of copy and conversion, tenth pass (bench/hunt3_probe.py): headers cut
mid-word and reordered, tables pasted twice (a draft and the final one)."""

from __future__ import annotations

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text
from zfxxgk.parse.cut_header import AMBIGUOUS, cut_pieces, joined_names


def _lines(report) -> list[str]:
    return write("tab_exact", report, seed=1, style=Style.plain()).split("\n")


def _cut(line: str, parts: int) -> list[str]:
    """A header line wrapped over `parts` lines, each name cut mid-word, the first
    cell (the row labels') whole on the top line."""
    cells = line.split("\t")
    out = [[cells[0]] + [""] * (parts - 1)]
    for c in cells[1:]:
        step = -(-len(c) // parts)
        out.append([c[k * step:(k + 1) * step] for k in range(parts)])
    return ["\t".join(col[k] for col in out) for k in range(parts)]


def _moved(lines: list[str], i: int, j: int, order: list[int]) -> None:
    """Columns 1.. of lines[i:j] (a header and its rows) in `order`."""
    for k in range(i, j):
        cells = lines[k].split("\t")
        if len(cells) == len(order) + 1:
            lines[k] = "\t".join([cells[0]] + [cells[1 + m] for m in order])


@pytest.mark.parametrize("parts", [2, 3])
@pytest.mark.parametrize("sep", ["\t", "   "])
def test_table_3_header_cut_and_reordered_is_read_by_its_joined_names(parts, sep):
    """自然 / 人 … with 总计 first and the kinds moved: no line named a kind, so the
    form's order was taken, every number in another column (wrong)."""
    report = distinct_report("2021", seed=41)
    lines = _lines(report)
    i = next(k for k, ln in enumerate(lines) if "自然人" in ln)
    j = next(k for k, ln in enumerate(lines) if ln.startswith("四、政府"))
    _moved(lines, i, j, [6, 2, 0, 1, 4, 3, 5])
    text = "\n".join(lines[:i] + _cut(lines[i], parts) + lines[i + 1:]).replace("\t", sep)
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications == report.applications


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_table_2_header_cut_and_reordered_is_read_by_its_joined_names(template):
    """本年废 / 止件数 before 本年制 / 发件数: read in the form's order (wrong)."""
    report = distinct_report(template, seed=42)
    lines = _lines(report)
    i = next(k for k, ln in enumerate(lines) if ln.startswith("信息内容\t") and ln.count("\t") == 3)
    _moved(lines, i, i + 3, [2, 0, 1])
    parsed = parse_text("\n".join(lines[:i] + _cut(lines[i], 2) + lines[i + 1:]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.active == report.active


def test_joined_names_need_one_joining():
    """Pieces whose joinings disagree say no order; whole names one a line are no cut."""
    words = {"甲乙": 1, "丙丁": 2, "甲": 3, "丙乙": 4, "丙": 5}
    assert joined_names(["x\t甲\t丙", "\t乙\t丁"], words) == (1, 2)
    assert joined_names(["甲   丙", "乙"], words) == AMBIGUOUS  # 甲乙 | 丙, or 甲 | 丙乙
    # one name or piece a line (one cell a line): no columns side by side, no cut
    assert joined_names(["甲乙 |", "丙丁 |"], words) is None
    assert joined_names(["甲 |", "甲乙 |", "丙丁 |"], words) is None
    assert not cut_pieces(["甲乙 |", "丙丁 |"], words) and cut_pieces(["丁 |"], words)
    assert joined_names(["本年度收到如下表。", "甲\t丙"], words) is None


def _part(lines: list[str], start: str, stop: str) -> tuple[int, int]:
    a = next(i for i, ln in enumerate(lines) if ln.startswith(start))
    return a, next(i for i, ln in enumerate(lines) if i > a and ln.startswith(stop))


def _pasted_twice(report, draft_lines: list[str], start: str, stop: str,
                  draft_first: bool) -> str:
    """`report`'s text with its table between `start` and `stop` printed twice:
    the draft's copy (the lines after the part's heading and lead-in of
    `draft_lines`) before or after its own, no caption saying which."""
    lines = _lines(report)
    a, b = _part(lines, start, stop)
    c, d = _part(draft_lines, start, stop)
    mine, draft = lines[a + 2:b], draft_lines[c + 2:d]
    both = draft + mine if draft_first else mine + draft
    return "\n".join(lines[:a + 2] + both + lines[b:])


@pytest.mark.parametrize("draft_first", [True, False])
@pytest.mark.parametrize("start, stop, table", [("二、主动", "三、收到", "active"),
                                                ("四、政府", "五、", "review_litigation")])
def test_table_2_or_4_pasted_twice_leaves_the_cells_that_differ_null(draft_first, start, stop,
                                                                     table):
    """Another report's table 二 (or 四) above the report's own, no caption: the first
    copy was read, a wrong number in every cell the draft printed otherwise."""
    from zfxxgk.check import run

    report = distinct_report("2021", seed=43)
    draft = distinct_report("2021", seed=44)
    parsed = parse_text(_pasted_twice(report, _lines(draft), start, stop, draft_first))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert all(v is None for cells in getattr(parsed, table).values() for v in cells.values())
    assert parsed.applications == report.applications
    note = next(n for n in parsed.notes if n.kind == "table_twice")
    assert note.data["table"] == table and note.data["unread"]
    assert any("同一部分印了两份" in f.message for f in run(parsed))


def _retyped(lines: list[str], start: str, stop: str, old: str, new: str) -> list[str]:
    """`lines` with the figure `old` typed `new` in the table between `start` and `stop`."""
    a, b = _part(lines, start, stop)
    out = list(lines)
    for i in range(a, b):
        cells = out[i].split("\t")
        out[i] = "\t".join(new if c == old else c for c in cells)
    return out


@pytest.mark.parametrize("draft_first", [True, False])
def test_table_3_pasted_twice_takes_the_copy_that_adds_up(draft_first):
    """The draft is the final with one figure typed otherwise: it breaks T3-1 and
    T3-3, the final keeps every identity; its figure is taken, said by F-TABLE
    and the cell's decided_by (was null)."""
    from zfxxgk.check import run

    report = distinct_report("2021", seed=45)
    old = str(report.applications["granted"]["commercial"])
    draft = _retyped(_lines(report), "三、收到", "四、政府", old, str(int(old) + 3))
    parsed = parse_text(_pasted_twice(report, draft, "三、收到", "四、政府", draft_first))
    assert parsed.applications == report.applications
    note = next(n for n in parsed.notes if n.kind == "table_twice")
    assert note.data["chosen"] == ("second" if draft_first else "first")
    code = "applications.granted.commercial"
    assert note.cells == [code] and parsed.provenance[code].decided_by in ("T3-1", "T3-2", "T3-3")
    said = [f.message for f in run(parsed) if "读取的是符合勾稽关系的" in f.message]
    assert said and ("前一份" if draft_first else "后一份") in said[0]


def test_table_4_pasted_twice_takes_the_copy_whose_groups_add_up():
    report = distinct_report("2019", seed=46)
    old = str(report.review_litigation["suit_direct"]["upheld"])
    draft = _retyped(_lines(report), "四、政府", "五、", old, str(int(old) + 1))
    parsed = parse_text(_pasted_twice(report, draft, "四、政府", "五、", True))
    assert parsed.review_litigation == report.review_litigation
    assert parsed.provenance["review_litigation.suit_direct.upheld"].decided_by == "T4-1"


def test_table_3_pasted_twice_both_adding_up_stays_null():
    """A draft of other figures that add up as well: nothing tells which is right."""
    report = distinct_report("2021", seed=47)
    draft = distinct_report("2021", seed=48)
    parsed = parse_text(_pasted_twice(report, _lines(draft), "三、收到", "四、政府", True))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications["received"]["total"] is None
    assert next(n for n in parsed.notes if n.kind == "table_twice").data["unread"]


def _parened(lines: list[str], figures: dict[str, str]) -> str:
    """The tab cells printing each key of `figures` printed as its value instead."""
    return "\n".join("\t".join(figures.get(c, c) for c in ln.split("\t")) for ln in lines)


def test_a_count_in_parentheses_is_read_where_the_identities_confirm_it():
    """(85) in table 三 and 四: no number (F-VALUE, null); a count is never
    negative, and its identities hold with 85: read, decided_by the identity."""
    from zfxxgk.check import run

    report = distinct_report("2021", seed=49)
    a = str(report.applications["granted"]["research"])
    b = str(report.review_litigation["review"]["corrected"])
    parsed = parse_text(_parened(_lines(report), {a: f"({a})", b: f"（{b}）"}))
    assert tables_of(parsed) == tables_of(report)
    assert parsed.provenance["applications.granted.research"].decided_by.startswith("T3-")
    assert parsed.provenance["review_litigation.review.corrected"].decided_by == "T4-1"
    said = [f for f in run(parsed) if "带括号" in f.message]
    assert len(said) == 2 and all(f.severity == "warning" for f in said)


def test_a_parenthesised_figure_the_identities_deny_stays_null():
    """(7) where the count is another number (a note's figure beside a blank)."""
    report = distinct_report("2021", seed=50)
    a = str(report.applications["granted"]["research"])
    parsed = parse_text(_parened(_lines(report), {a: "(7)"}))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications["granted"]["research"] is None
    assert any(n.kind == "paren_unread" for n in parsed.notes)


def test_a_change_in_parentheses_of_2019_stays_null_with_both_readings():
    """本年增/减 may be negative: (85) is -85 by the accountant's rule, or 85; no identity."""
    from zfxxgk.check import run

    report = distinct_report("2019", seed=51)
    change = report.active["licensing"]["change"]
    text = _parened(_lines(report), {str(change): f"({abs(change)})"})
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.active["licensing"]["change"] is None
    said = [f.message for f in run(parsed) if "会计写法" in f.message]
    assert said and f"-{abs(change)}" in said[0]


def _centred(line: str, parts: int) -> list[str]:
    """A header line wrapped over `parts` lines, each name cut in pieces of two
    characters centred over the lines (a short name on the middle lines)."""
    cells = line.split("\t")
    cols = [[cells[0]] + [""] * (parts - 1)]
    for c in cells[1:]:
        pieces = [c[k:k + 2] for k in range(0, len(c), 2)]
        top = (parts - len(pieces)) // 2
        cols.append([""] * top + pieces + [""] * (parts - top - len(pieces)))
    return ["\t".join(col[k] for col in cols) for k in range(parts)]


@pytest.mark.parametrize("sep", ["\t", " | ", "   "])
def test_a_centred_cut_header_reordered_is_read_by_its_names(sep):
    """自然人 on the middle lines only (centred): joined from the top, no words; read
    in the form's order, every number in another column (wrong)."""
    report = distinct_report("2019", seed=52)
    lines = _lines(report)
    i = next(k for k, ln in enumerate(lines) if "自然人" in ln)
    j = next(k for k, ln in enumerate(lines) if ln.startswith("四、政府"))
    _moved(lines, i, j, [3, 0, 6, 1, 2, 5, 4])
    text = "\n".join(lines[:i] + _centred(lines[i], 4) + lines[i + 1:]).replace("\t", sep)
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications == report.applications


@pytest.mark.parametrize("sep", ["\t", "   "])
def test_cut_pieces_joining_into_no_word(sep):
    """A cut header one name of which makes no word (商业 / 企). Its cells showing
    (tabs), that name is lost and the others, in the form's order, keep it: read.
    Without cells (PDF text) the pieces tell nothing: the form's order, as under a
    header naming none (a two-level header wrapped in a PDF joins into no words)."""
    report = distinct_report("2021", seed=53)
    lines = _lines(report)
    i = next(k for k, ln in enumerate(lines) if "自然人" in ln)
    head = _cut(lines[i], 2)
    head[1] = head[1].replace("企业", "企")
    parsed = parse_text("\n".join(lines[:i] + head + lines[i + 1:]).replace("\t", sep))
    assert parsed.applications == report.applications
