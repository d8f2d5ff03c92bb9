"""Table 三's row wrapped onto two lines inside one of its numbers (`… 12` / `8 85 …`
where 128 was one cell): joined where the joined row's 总计 agrees, else null.
The row was null: a human reads it at once (bench/hunt_probe.py t3_row_cut)."""

from __future__ import annotations

from exact_cells import filled_cells, tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text

ROW = "2.其他法律行政法规禁止公开"


def _report():
    return distinct_report("2021", seed=11, agency="青禾市云岭区人民政府", year=2023)


def _cut(text: str, label: str, at: int, digits: int, sep: str, total: str | None = None) -> str:
    """`text` with `label`'s row cut after `digits` digits of its value number `at`."""
    line = next(ln for ln in text.split("\n") if ln.startswith(label + "\t"))
    cells = line.split("\t")
    if total is not None:
        cells[-1] = total
    i = at + 1
    cut = (sep.join(cells[:i] + [cells[i][:digits]]) + "\n"
           + sep.join([cells[i][digits:]] + cells[i + 1:]))
    return text.replace(line, cut)


def _exact(report, expected) -> None:
    assert wrong_cells(report, tables_of(expected)) == []
    assert filled_cells(expected) - filled_cells(report) == set()


def test_a_row_cut_inside_a_number_is_joined_in_spaced_and_tab_text():
    report = _report()
    text = write("tab_exact", report, seed=1, style=Style.plain())
    for sep in (" ", "\t", " | "):
        _exact(parse_text(_cut(text, ROW, 2, 1, sep)), report)


def test_a_row_cut_inside_its_total_is_joined():
    report = _report()
    text = write("tab_exact", report, seed=1, style=Style.plain())
    total = str(report.applications["withheld.prohibited_by_law"]["total"])
    _exact(parse_text(_cut(text, ROW, 6, len(total) - 1, " ")), report)


def test_a_cut_row_whose_total_disagrees_stays_null_never_a_joined_number():
    report = _report()
    text = write("tab_exact", report, seed=1, style=Style.plain())
    parsed = parse_text(_cut(text, ROW, 2, 1, " ", total="9"))
    assert parsed.applications["withheld.prohibited_by_law"]["research"] is None
    assert wrong_cells(parsed, tables_of(report)) == []


KINDS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def _columns(text: str, order: list[int], subtotal: int | None = None) -> str:
    """Table 三 with its header and rows in `order` (the form's indices), or with a
    小计 column inserted at `subtotal` among the row's cells."""
    out = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) == 8 and (cells[1] == "自然人" or cells[-1].isdigit()):
            values = [cells[1 + i] for i in order]
            if subtotal is not None:
                sub = "小计" if cells[1] == "自然人" else str(sum(int(v) for v in cells[2:7]))
                values.insert(subtotal, sub)
            line = "\t".join(cells[:1] + values)
        out.append(line)
    return "\n".join(out)


def test_a_cut_row_under_a_header_with_the_total_in_the_middle_is_joined():
    report = _report()
    text = _columns(write("tab_exact", report, seed=1, style=Style.plain()),
                    [0, 1, 2, 6, 3, 4, 5])
    for sep in (" ", "\t"):
        _exact(parse_text(_cut(text, ROW, 5, 1, sep)), report)


def test_a_cut_row_with_a_subtotal_column_is_joined():
    report = _report()
    plain = write("tab_exact", report, seed=1, style=Style.plain())
    for place in (6, 1):
        text = _columns(plain, list(range(7)), subtotal=place)
        _exact(parse_text(_cut(text, ROW, 4, 1, " ")), report)


def test_a_row_wrapped_between_cells_under_a_reordered_header_is_read_without_error():
    """A clean wrap (no number cut) before 总计 in the middle: the wrapped-row check
    asked the short first line for its 总计 beyond its last cell (IndexError)."""
    report = _report()
    text = _columns(write("tab_exact", report, seed=1, style=Style.plain()),
                    [0, 1, 2, 6, 3, 4, 5])
    line = next(ln for ln in text.split("\n") if ln.startswith(ROW + "\t"))
    cells = line.split("\t")
    wrapped = " ".join(cells[:3]) + "\n" + " ".join(cells[3:])
    parsed = parse_text(text.replace(line, wrapped))
    assert wrong_cells(parsed, tables_of(report)) == []


def _wrapped(text: str, label: str, keep: int, sep: str, total: str | None = None) -> str:
    """`label`'s row with its numbers after the first `keep` on a line of their own."""
    line = next(ln for ln in text.split("\n") if ln.startswith(label + "\t"))
    cells = line.split("\t")
    if total is not None:
        cells[-1] = total
    return text.replace(line, sep.join(cells[:keep + 1]) + "\n" + sep.join(cells[keep + 1:]))


def test_a_row_wrapped_between_two_numbers_is_joined_where_it_adds_up():
    """`… 33 35` / `128 85 65 318 664`: the row was null (hunt3_probe numbers_wrap)."""
    report = _report()
    text = write("tab_exact", report, seed=1, style=Style.plain())
    for sep in ("\t", "   ", " | "):
        for keep in (2, 4, 6):
            _exact(parse_text(_wrapped(text, ROW, keep, sep)), report)


def test_a_wrapped_row_whose_total_disagrees_stays_null():
    report = _report()
    text = write("tab_exact", report, seed=1, style=Style.plain())
    parsed = parse_text(_wrapped(text, ROW, 4, "   ", total="9"))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications["withheld.prohibited_by_law"]["natural_person"] is None


def test_a_line_of_zeros_after_a_row_adding_up_alone_is_not_joined():
    """`… 3 5 8` (blanks lost) then `0`: the row may be whole, the zero another's."""
    from zfxxgk.parse.cut_rows import _joined
    from zfxxgk.ingest.document import Line

    first, second = Line(1, "1.属于国家秘密 3 5 8"), Line(2, "0 0 0 0")
    assert _joined(first, second, None) is None
    assert _joined(first, Line(2, "1 0 0 9"), None) is None  # does not add up
    assert _joined(Line(1, "1.属于国家秘密 3 5 1"), Line(2, "0 0 0 9"), None) is not None
