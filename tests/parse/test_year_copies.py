"""A part printing last year's table beside this year's, each copy captioned by its
year (or table 四's row twice, labelled by year): the latest year's copy is read.
Read by label or order, the first copy won and every cell was last year's
(bench/hunt_probe.py year_*; captions 2022年度：, （2022年）, 上年度/本年度)."""

from __future__ import annotations

import re

from exact_cells import filled_cells, tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text
from zfxxgk.parse.year_copies import year_of

HEADS = {"active": ("二、主动公开", "三、收到"), "applications": ("三、收到", "四、政府信息公开行政复议"),
         "review_litigation": ("四、政府信息公开行政复议", "五、")}


def _pair(template: str = "2021"):
    this = distinct_report(template, seed=7, agency="青禾市云岭区人民政府", year=2023)
    last = distinct_report(template, seed=8, agency="青禾市云岭区人民政府", year=2022)
    return this, last


def _part(text: str, table: str) -> str:
    head, nxt = HEADS[table]
    i = text.index(head)
    return text[i:text.index(nxt, i)]


def _two_copies(this, last, table: str, caption, this_first: bool = False) -> str:
    """`this` written with `table`'s part holding both years' copies, each captioned."""
    text = write("tab_exact", this, seed=1, style=Style.plain())
    mine = _part(text, table)
    other = _part(write("tab_exact", last, seed=1, style=Style.plain()), table)
    copies = [(caption(last.year, False), other), (caption(this.year, True), mine)]
    if this_first:
        copies.reverse()
    body = "".join(f"{cap}\n" + part.split("\n", 1)[1] for cap, part in copies)
    return text.replace(mine, mine.split("\n", 1)[0] + "\n" + body)


def _exact(report, expected) -> None:
    assert wrong_cells(report, tables_of(expected)) == []
    assert filled_cells(expected) - filled_cells(report) == set()


def test_last_years_table_three_captioned_before_this_years_is_not_read():
    this, last = _pair()
    text = _two_copies(this, last, "applications", lambda y, _: f"{y}年度：")
    _exact(parse_text(text), this)


def test_this_years_copy_first_is_read_and_the_later_copy_of_last_year_ignored():
    this, last = _pair("2019")
    this.year = last.year + 1
    text = _two_copies(this, last, "active", lambda y, _: f"（{y}年）", this_first=True)
    _exact(parse_text(text), this)


def test_relative_captions_name_the_years():
    this, last = _pair()
    text = _two_copies(this, last, "active", lambda y, mine: "本年度数据：" if mine else "上年度数据：")
    _exact(parse_text(text), this)


def test_table_four_rows_labelled_by_year():
    """Table 四's row printed twice under one header, each after its year."""
    this, last = _pair()
    text = write("tab_exact", this, seed=1, style=Style.plain())
    row = next(ln for ln in text.split("\n") if re.fullmatch(r"[\d\t]+", ln) and ln.count("\t") == 14)
    other = next(ln for ln in write("tab_exact", last, seed=1, style=Style.plain()).split("\n")
                 if re.fullmatch(r"[\d\t]+", ln) and ln.count("\t") == 14)
    _exact(parse_text(text.replace(row, f"2022年\t{other}\n2023年\t{row}")), this)


def test_what_is_no_year_caption():
    assert year_of("2022年度：") == 2022 and year_of("（2022年）") == 2022
    assert year_of("附：2022年度主动公开政府信息情况") == 2022
    assert year_of("2023年12月31日") is None  # a date
    assert year_of("2023年，本机关共收到申请12件。") is None  # a sentence
    assert year_of("本年度收到和处理政府信息公开申请情况如下：") is None  # a lead-in
