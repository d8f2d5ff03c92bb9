"""Table 三's header in another order than the form's (bench/t3_header_probe.py):
总计 first or between the kinds, the five kinds of 法人或其他组织 as a group over its
sub-kinds in another order, other words for 其他 and 总计. Each cell is read by the
header's name; a header that does not say which number is whose (a kind twice)
leaves the table null with F-TABLE, never read by place against it."""

from __future__ import annotations

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.api import parse_document
from zfxxgk.check import run
from zfxxgk.ingest.docx import load_docx
from zfxxgk.ingest.html import load_html
from zfxxgk.parse import parse_text
from zfxxgk.parse.runs import total_at
from zfxxgk.parse.splits import readings
from zfxxgk.render.docx import render_docx
from zfxxgk.render.html import render_html
from zfxxgk.render.layout import build

KINDS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _reordered(report, order: list[int], header: list[str]) -> str:
    """tab_exact text with table 三's header replaced by `header` lines and each
    row's seven numbers printed in `order` (the form's indices, printed order)."""
    out = []
    for line in write("tab_exact", report, seed=1, style=Style.plain()).split("\n"):
        cells = line.split("\t")
        if "\t自然人\t" in line:
            out += header
        elif len(cells) == 8 and all(c.isdigit() for c in cells[1:]):
            out.append("\t".join([cells[0]] + [cells[1 + i] for i in order]))
        else:
            out.append(line)
    return "\n".join(out)


def _lost(parsed, report) -> list[str]:
    return [f"{t}.{r}.{c}" for t, rows in tables_of(report).items() for r, cols in rows.items()
            for c, v in cols.items() if v is not None and getattr(parsed, t)[r][c] is None]


@pytest.mark.parametrize("order", [[6, 0, 1, 2, 3, 4, 5], [0, 6, 2, 1, 3, 5, 4]])
def test_total_before_the_kinds_is_read_by_the_header(order):
    """总计 printed first (or after 自然人): the form's order read it as 自然人 and
    其他 as 总计, a wrong number in every column of every row."""
    report = distinct_report("2021", seed=13)
    text = _reordered(report, order, ["申请人情况\t" + "\t".join(KINDS[i] for i in order)])
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_grouped_header_with_sub_kinds_in_another_order_and_total_first():
    """法人或其他组织 over its five sub-kinds (a line below, printed in another order),
    总计 first: the group stands for the sub-kinds in their printed order."""
    report = distinct_report("2019", seed=7)
    order = [6, 0, 4, 2, 1, 5, 3]
    header = ["申请人情况\t总计\t自然人\t法人或其他组织\t\t\t\t",
              "\t\t\t" + "\t".join(KINDS[i] for i in order[2:])]
    parsed = parse_text(_reordered(report, order, header))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


@pytest.mark.parametrize("first", [False, True])
def test_grouped_header_with_one_sub_kind_left_blank_is_the_blank_cell(first):
    """The sub-kinds in another order under 法人或其他组织, one cell left blank:
    the cells line up with the group's, so the blank one is the kind not named.
    The table was null (F-TABLE 表头)."""
    report = distinct_report("2019", seed=7)
    subs = [4, 2, 1, 5, 3]
    order = [6, 0] + subs if first else [0] + subs + [6]
    top = ["申请人情况"] + [{0: "自然人", 6: "总计"}.get(i, "") for i in order]
    top[order.index(subs[0]) + 1] = "法人或其他组织"
    low = [""] + [KINDS[i] if i in subs and i != 2 else "" for i in order]
    parsed = parse_text(_reordered(report, order, ["\t".join(top), "\t".join(low)]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_other_words_for_other_and_total_in_another_order():
    report = distinct_report("2021", seed=5)
    order = [0, 3, 1, 2, 5, 4, 6]
    names = [{"其他": "其他组织", "总计": "合计"}.get(KINDS[i], KINDS[i]) for i in order]
    parsed = parse_text(_reordered(report, order, ["申请人情况\t" + "\t".join(names)]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_a_kind_named_twice_out_of_order_leaves_the_table_null_with_f_table():
    """科研机构 printed twice, 商业企业 not at all, the kinds in another order: which
    column is whose the header does not say, so nothing is read by place."""
    report = distinct_report("2021", seed=13)
    order = [0, 3, 2, 1, 4, 5, 6]
    names = ["自然人", "社会公益组织", "科研机构", "科研机构", "法律服务机构", "其他", "总计"]
    parsed = parse_text(_reordered(report, order, ["申请人情况\t" + "\t".join(names)]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert {v for row in parsed.applications.values() for v in row.values()} == {None}
    found = [f for f in run(parsed) if f.rule == "F-TABLE" and "表头" in f.message]
    assert found and any(c.startswith("applications.") for c in found[0].cells)


def test_a_kind_misspelt_in_the_forms_order_keeps_the_forms_order():
    """A header in the form's order with one kind named twice (a slip) does not
    contradict the form's order: read by place, as before."""
    report = distinct_report("2021", seed=13)
    order = list(range(7))
    names = ["自然人", "商业企业", "商业企业", "社会公益组织", "法律服务机构", "其他", "总计"]
    parsed = parse_text(_reordered(report, order, ["申请人情况\t" + "\t".join(names)]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []



@pytest.mark.parametrize("kind", ["html", "docx"])
@pytest.mark.parametrize("order", [[6, 0, 3, 1, 5, 2, 4], [0, 4, 3, 2, 1, 5, 6]])
def test_group_header_in_another_order_in_html_and_docx(kind, order):
    """Our renderers' table (总计 and 自然人 spanning both header rows, 法人或其他组织
    over its sub-kinds) with 总计 first or the sub-kinds in another order, each
    row's cells alike: was read by place, a wrong number in most columns."""
    report = distinct_report("2021", seed=3)
    layout = build(report)
    grid = next(p.grid for p in layout.parts if p.grid and p.grid.code == "applications")
    person, group, total = grid.head[1]
    top = {0: person, 6: total, order[2] if order[0] == 6 else order[1]: group}
    grid.head[1] = [top[i] for i in order if i in top]
    grid.head[2] = [grid.head[2][i - 1] for i in order if 1 <= i <= 5]
    for row in grid.body:
        row[-7:] = [row[-7 + i] for i in order]
    doc = (load_html(render_html(layout).encode("utf-8")) if kind == "html"
           else load_docx(render_docx(layout)))
    parsed = parse_document(doc)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


@pytest.mark.parametrize("order", [[6, 0, 1, 2, 3, 4, 5], [0, 3, 6, 1, 2, 4, 5]])
def test_rows_run_together_are_cut_with_the_total_where_the_header_puts_it(order):
    """Rows whose separators were lost, 总计 first or among the kinds: each is cut
    with its own total in the header's place and checked by the table's identities
    in that order, as in the form's; they were null (T3-3 checked in the form's
    place failed every reading)."""
    report = distinct_report("2021", seed=13)
    text = _reordered(report, order, ["申请人情况\t" + "\t".join(KINDS[i] for i in order)])
    lines = text.split("\n")
    rows = [i for i, ln in enumerate(lines) if ln.count("\t") == 7 and "自然人" not in ln]
    for i in rows[::4]:
        cells = lines[i].split("\t")
        lines[i] = cells[0] + "".join(cells[1:])
    parsed = parse_text("\n".join(lines))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


@pytest.mark.parametrize("blank", [0, 3])
def test_one_kind_left_blank_in_a_shuffled_header_is_the_blank_cell(blank):
    """The kinds in another order, one header cell left blank (自然人's: the line
    was not found and the table read in the form's order, a wrong number in most
    columns; another's: the table was null) and the six other cells each naming
    one kind: the blank column is the kind not named."""
    report = distinct_report("2021", seed=13)
    order = [4, 2, 0, 1, 5, 3, 6]
    names = [KINDS[i] for i in order]
    names[order.index(blank)] = ""
    parsed = parse_text(_reordered(report, order, ["申请人情况\t" + "\t".join(names)]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_a_kind_left_out_where_the_cells_do_not_show_leaves_the_table_null():
    """The same header set with spaces: which column lacks its name cannot be told."""
    report = distinct_report("2021", seed=13)
    order = [4, 2, 0, 1, 5, 3, 6]
    names = [KINDS[i] for i in order if i != 0]
    parsed = parse_text(_reordered(report, order, ["申请人情况  " + "    ".join(names)]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert {v for row in parsed.applications.values() for v in row.values()} == {None}
    assert any(f.rule == "F-TABLE" and "表头" in f.message for f in run(parsed))


@pytest.mark.parametrize("above", ["\t总计", "申请人情况\t总计"])
def test_total_first_named_on_a_line_above_the_kinds_is_placed_by_the_rows(above):
    """总计 (a cell spanning the header's two lines) printed above the kinds' line,
    its numbers first in each row: it was taken as last, every column reading its
    neighbour's number. No row's last number is the sum of the others and the rows'
    first numbers are: 总计 is first."""
    report = distinct_report("2021", seed=13)
    order = [6, 0, 1, 2, 3, 4, 5]
    kinds = "\t".join(KINDS[:6])
    header = [above, ("申请人情况\t" if above.startswith("\t") else "\t") + kinds]
    parsed = parse_text(_reordered(report, order, header))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_total_named_above_the_kinds_stays_last_where_the_rows_say_so():
    report = distinct_report("2021", seed=13)
    header = ["\t总计", "申请人情况\t" + "\t".join(KINDS[:6])]
    parsed = parse_text(_reordered(report, list(range(7)), header))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def _totals_off(report):
    """The report with every row of table 三 printing a total one more than its parts."""
    for row in report.applications.values():
        row["total"] += 1
    return report


def test_total_above_shuffled_kinds_where_no_row_adds_up_leaves_the_table_null():
    """总计 above kinds printed in another order, in a table whose totals disagree
    with their parts: no row says whether 总计 is first or last. Taken as last, each
    kind took its neighbour's number; now the table is null with F-TABLE 表头."""
    report = _totals_off(distinct_report("2021", seed=13))
    order = [6, 2, 0, 1, 3, 5, 4]
    header = ["\t总计", "申请人情况\t" + "\t".join(KINDS[i] for i in order[1:])]
    parsed = parse_text(_reordered(report, order, header))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert {v for row in parsed.applications.values() for v in row.values()} == {None}
    assert any(f.rule == "F-TABLE" and "表头" in f.message for f in run(parsed))


def test_total_above_kinds_in_the_forms_order_where_no_row_adds_up_stays_last():
    report = _totals_off(distinct_report("2021", seed=13))
    header = ["\t总计", "申请人情况\t" + "\t".join(KINDS[:6])]
    parsed = parse_text(_reordered(report, list(range(7)), header))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_a_spaced_row_with_a_stray_space_and_a_lost_blank_with_the_total_first():
    """总计 first, a row of single spaces that lost its blank cell and has a stray
    space inside its total (``1 234 56 78 …``): seven numbers for seven cells, its
    own total fails. Read by place, each kind took its neighbour's number; now
    the readings that join the split number and put the blank back stand beside
    it, and the other rows' identities choose, or the cells stay null."""
    report = distinct_report("2021", seed=13)
    cells = report.applications
    v = cells["granted"]["research"]
    for row, col in (("granted", "research"), ("granted", "total"), ("total", "research"),
                     ("total", "total"), ("received", "research"), ("received", "total")):
        cells[row][col] = None if (row, col) == ("granted", "research") else cells[row][col] - v
    order = [6, 0, 1, 2, 3, 4, 5]
    text = _reordered(report, order, ["申请人情况\t" + "\t".join(KINDS[i] for i in order)])
    lines = text.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("三、本年度办理结果"))
    label, *numbers = lines[at].split("\t")
    total = numbers[0]
    numbers = [total[:1] + " " + total[1:]] + [n for n in numbers[1:] if n]
    lines[at] = label + " " + " ".join(numbers)
    parsed = parse_text("\n".join(lines))
    assert wrong_cells(parsed, tables_of(report)) == []


def test_no_kind_named_and_the_rows_total_first_leaves_the_table_null():
    """No header line names the kinds (lost with a picture) and the rows add up
    with their first number as the total: read in the form's order, every column
    took its neighbour's number; which kind is whose nothing says, so it is null."""
    report = distinct_report("2021", seed=13)
    parsed = parse_text(_reordered(report, [6, 0, 1, 2, 3, 4, 5], ["申请人情况"]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert {v for row in parsed.applications.values() for v in row.values()} == {None}
    assert any(f.rule == "F-TABLE" and "表头" in f.message for f in run(parsed))
    parsed = parse_text(_reordered(report, list(range(7)), ["申请人情况"]))
    assert _lost(parsed, report) == []


@pytest.mark.parametrize("at", range(6))
def test_a_long_run_is_cut_with_its_total_at_any_place(at):
    """A row of five-digit numbers run together (34 digits), 总计 at any place but
    last: cut within the budget to its one reading. With 总计 second to last, the
    five parts before it were cut first and the budget ran out (the row was null)."""
    parts = [6423, 13498, 10339, 10660, 11554, 19712]
    row = [str(v) for v in parts[:at] + [sum(parts)] + parts[at:]]
    assert readings(["".join(row)], 7, total_at(at, 7)) == [row]
