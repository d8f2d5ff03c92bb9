"""Table 二 or 四 printed with last year's column beside each of this year's, the
header naming each column's year (本年制发件数（2022年）| 本年制发件数（2023年）,
（上年）/（本年）): only the latest year's columns are read. The row was null (twice
the form's figures), and table 四's run of 30 numbers read joined figures
(bench/hunt_probe.py two_year_cols, two_year_t4)."""

from __future__ import annotations

from exact_cells import filled_cells, tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text


def _pair(template: str = "2021"):
    this = distinct_report(template, seed=7, agency="青禾市云岭区人民政府", year=2023)
    last = distinct_report(template, seed=8, agency="青禾市云岭区人民政府", year=2022)
    return this, last


def _doubled(this, last, head: str, end: str, mark, sep: str = "\t", this_first=False) -> str:
    """`this` written with each value cell of the part from `head` to `end` printed
    beside last year's, the header cells marked by `mark(year)`."""
    mine = write("tab_exact", this, seed=1, style=Style.plain()).split("\n")
    theirs = write("tab_exact", last, seed=1, style=Style.plain()).split("\n")
    a = next(i for i, ln in enumerate(mine) if ln.startswith(head))
    b = next(i for i, ln in enumerate(mine) if i > a and ln.startswith(end))
    for i in range(a, b):
        cells, olds = mine[i].split("\t"), theirs[i].split("\t")
        if len(cells) < 2:
            continue
        first = 1 if not cells[0].isdigit() and cells[0] != "结果维持" else 0
        if cells[0] in ("信息内容", "结果维持"):
            olds = cells[:first] + [c + mark(last.year) for c in cells[first:]]
            cells = cells[:first] + [c + mark(this.year) for c in cells[first:]]
        pairs = [(x, y) if this_first else (y, x) for x, y in zip(cells[first:], olds[first:])]
        mine[i] = sep.join(cells[:first] + [c for p in pairs for c in p])
    return "\n".join(mine)


def _exact(report, expected) -> None:
    assert wrong_cells(report, tables_of(expected)) == []
    assert filled_cells(expected) - filled_cells(report) == set()


def test_table_two_with_a_column_per_year_reads_this_years_columns():
    this, last = _pair()
    text = _doubled(this, last, "二、主动公开", "三、收到", lambda y: f"（{y}年）")
    _exact(parse_text(text), this)


def test_this_years_column_first_marked_relative_in_a_2019_report():
    this, last = _pair("2019")
    text = _doubled(this, last, "二、主动公开", "三、收到",
                    lambda y: "（本年）" if y == this.year else "（上年）", " | ", this_first=True)
    _exact(parse_text(text), this)


def test_table_four_with_thirty_numbers_under_a_marked_header():
    this, last = _pair()
    text = _doubled(this, last, "四、政府信息公开行政复议", "五、", lambda y: f"({y}年度)", "   ")
    _exact(parse_text(text), this)


def test_a_row_with_a_figure_lost_stays_null_never_a_wrong_number():
    this, last = _pair()
    text = _doubled(this, last, "二、主动公开", "三、收到", lambda y: f"（{y}年）")
    row = next(ln for ln in text.split("\n") if ln.startswith("行政处罚\t"))
    text = text.replace(row, row.rsplit("\t", 1)[0])  # three figures for four columns
    report = parse_text(text)
    assert wrong_cells(report, tables_of(this)) == []
    assert report.active["penalty"]["decisions"] is None
    assert report.active["coercion"]["decisions"] == this.active["coercion"]["decisions"]


_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


def test_year_marks_in_full_width_digits_name_the_columns():
    """（２０２２年）: the line's quick search for a mark looked for ASCII years only,
    so the table was read as twice the form's figures (its rows null)."""
    this, last = _pair()
    for head, end in (("二、主动公开", "三、收到"), ("四、政府信息公开行政复议", "五、")):
        text = _doubled(this, last, head, end, lambda y: f"（{y}年）".translate(_WIDE))
        _exact(parse_text(text), this)
