"""Damaged and partial reports: fewer cells, never a wrong one, never a crash.

Lines dropped at random from the real and seed texts (a page lost in copying, a
line eaten by extraction) may leave cells null; every cell that is still read must
equal the published value.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exact_cells import TABLES, assert_read_without_headings, tables_of, wrong_cells
from layouts import Style, write
from samples import load_expected, samples_dir
from strategies import damage_row, damaged_text, distinct_report, reports
from zfxxgk.check import run
from zfxxgk.model import Report
from zfxxgk.parse import parse_text
from zfxxgk.standard import normalize_label


def _sample_texts():
    folder = samples_dir()
    out = []
    for kind in ("seeds", "real"):
        for path in sorted((folder / kind).glob("*.txt")):
            expected = load_expected(folder / f"{kind}-expected" / (path.stem + ".json"))
            out.append((path.name, path.read_text(encoding="utf-8").split("\n"), expected))
    return out


@settings(max_examples=200)
@given(data=st.data())
def test_dropping_lines_never_yields_a_wrong_cell(data):
    texts = _sample_texts()
    name, lines, expected = data.draw(st.sampled_from(texts))
    drop = data.draw(st.sets(st.integers(0, len(lines) - 1), min_size=1, max_size=8))
    report = parse_text("\n".join(ln for i, ln in enumerate(lines) if i not in drop))
    assert wrong_cells(report, expected) == [], (name, sorted(drop))


def test_excerpt_with_only_table_three():
    """An excerpt holding table 三 alone: its cells, nulls elsewhere, F-TABLE notes."""
    lines = (samples_dir() / "real" / "huaian-city-2024.txt").read_text(encoding="utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("三、收到和处理"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("四、政府信息公开行政复议"))
    report = parse_text("\n".join(lines[start:end]))
    assert report.applications["received"]["total"] == 3119
    assert report.applications["total"]["total"] == 3050
    assert report.active["fees"]["amount"] is None
    assert all(v is None for v in report.review_litigation["review"].values())
    missing = {n.data["table"] for n in report.notes if n.kind == "missing_table"}
    assert missing == {"active", "review_litigation"}


@given(st.text(max_size=2000))
def test_arbitrary_text_never_crashes(text):
    report = parse_text(text)
    assert report.schema_ == "zfxxgk.report/1"


@given(st.lists(st.sampled_from([
    "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "（七）总计 1 2 3",
    "1.属于国家秘密", "0 0 0 0 0 0 0", "9999999999999999999999999999", "行政复议 行政诉讼",
    "一、本年新收政府信息公开申请数量640020470", "规章\t1\t2", "| 3.其他 | 1 | |", "—", "- 3 -",
    "二、主动公开政府信息情况", "第二十条第（一）项", "(六) 其他处理", "3.其他 0 0 0 0 0 0 0 0 0",
]), max_size=60))
def test_shuffled_table_fragments_never_crash(lines):
    report = parse_text("\n".join(lines))
    for table in TABLES:
        for cols in getattr(report, table).values():
            assert all(v is None or v >= 0 for v in cols.values())


# --------------------------------------------------------------------------------------
# part 四's heading damaged: the table is still found by its header rows

HEADING4 = "四、政府信息公开行政复议、行政诉讼情况"


@pytest.mark.parametrize("printed", [
    "四、政府信息公开行政复议、行政诉讼诉情况",  # an extra character
    "四、政府信息公开行政复议、行政诉情况",  # a missing one
    "政府信息公开行政复议、行政诉讼情况",  # no 四、
    "第四部分 政府信息公开行政复议、行政诉讼情况",
])
@pytest.mark.parametrize("layout", ["tab_exact", "spaces", "pdf_text"])
def test_typo_in_part_four_heading_still_reads_table_four_and_is_flagged(printed, layout):
    expected = distinct_report("2021", seed=3)
    text = write(layout, expected, seed=1)
    assert HEADING4 in text
    report = parse_text(text.replace(HEADING4, printed))
    assert report.review_litigation == expected.review_litigation
    labels = [f for f in run(report) if f.rule == "F-LABEL" and HEADING4 in f.message]
    assert len(labels) == 1 and printed.strip() in labels[0].message


@pytest.mark.parametrize("layout", ["tab_exact", "spaces", "pdf_text"])
def test_part_four_heading_missing_table_four_found_by_its_header(layout):
    expected = distinct_report("2021", seed=4)
    report = parse_text(write(layout, expected, seed=2).replace(HEADING4, ""))
    assert report.review_litigation == expected.review_litigation
    assert report.applications == expected.applications


def test_sub_heading_with_part_words_is_no_part_heading():
    """（二）主动公开政府信息情况 inside part 一 must not be taken for part 二."""
    text = write("tab_exact", distinct_report("2021", seed=5), seed=3)
    head = text.index("二、主动公开政府信息情况")
    damaged = text[:head] + "（二）主动公开政府信息情况\n主动公开工作有序。\n" + text[head:]
    sections = [n for n in parse_text(damaged).notes if n.kind == "section"]
    assert sections == []


# --------------------------------------------------------------------------------------
# random valid reports, their text damaged as scraped and copied texts are

@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report=reports(), layout=st.sampled_from(["tab_exact", "spaces"]),
       seed=st.integers(0, 10**6), data=st.data())
def test_damaged_text_gives_every_cell_exactly_or_null_and_the_right_meta(report, layout,
                                                                          seed, data):
    text = data.draw(damaged_text(write(layout, report, seed=seed), report))
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert (parsed.agency, parsed.year, parsed.template) == \
        (report.agency, report.year, report.template)


def test_run_together_row_is_cut_by_its_total_and_noted():
    """`一、本年新收政府信息公开申请数量 524000056` is 52|4|0|0|0|0|56: the one cut
    whose last number is the sum of the others; provenance says so."""
    expected = distinct_report("2021", seed=6)
    text = write("tab_exact", expected, seed=1)
    row = next(ln for ln in text.split("\n") if "本年新收政府信息公开申请数量" in ln)
    report = parse_text(text.replace(row, damage_row(row, "run", random.Random(0))))
    assert report.applications["received"] == expected.applications["received"]
    assert report.provenance["applications.received.total"].decided_by == "T3-3"


def test_ambiguous_cut_stays_null_with_the_cuts_listed():
    expected = distinct_report("2021", seed=3)
    text = write("tab_exact", expected, seed=1)
    row = next(ln for ln in text.split("\n") if ln.startswith("行政规范性文件"))
    report = parse_text(text.replace(row, damage_row(row, "run", random.Random(0))))
    assert report.active["normative_docs"] == {"issued": None, "repealed": None, "in_force": None}
    found = [f for f in run(report) if f.rule == "F-INFERRED" and f.severity == "warning"]
    assert any("可拆为" in f.message and "43|144|368" in f.message for f in found)


# table 二's 行政规范性文件 row of distinct_report("2021", seed=3) run together:
# 43|144|368 printed 43144368, which cuts many ways
DOCS = {"issued": 43, "repealed": 144, "in_force": 368}


def _docs_run_together(said: str):
    """That report with the row run together and `said` opening part 二."""
    expected = distinct_report("2021", seed=3)
    assert expected.active["normative_docs"] == DOCS
    text = write("tab_exact", expected, seed=1)
    row = next(ln for ln in text.split("\n") if ln.startswith("行政规范性文件"))
    text = text.replace(row, damage_row(row, "run", random.Random(0))).replace(
        "二、主动公开政府信息情况", f"二、主动公开政府信息情况\n{said}", 1)
    return parse_text(text)


def test_prose_figures_break_the_tie_and_are_named():
    report = _docs_run_together("本年度制发行政规范性文件43件，现行有效行政规范性文件368件。")
    assert report.active["normative_docs"] == DOCS
    assert report.provenance["active.normative_docs.in_force"].decided_by == "正文"


@pytest.mark.parametrize("said", [
    "上年制发行政规范性文件431件，现行有效行政规范性文件4368件。",
    "去年同期，本机关制发行政规范性文件431件；上一年度现行有效行政规范性文件4368件。",
])
def test_prose_figures_of_another_year_do_not_break_the_tie(said):
    """Last year's figures in a sentence are not this table's: one wrong cut
    (431|4|4368) fits them, and they chose it."""
    report = _docs_run_together(said)
    assert report.active["normative_docs"] == {"issued": None, "repealed": None, "in_force": None}


def test_this_years_figures_after_last_years_still_break_the_tie():
    said = "上年制发行政规范性文件431件，本年制发行政规范性文件43件，现行有效行政规范性文件368件。"
    assert _docs_run_together(said).active["normative_docs"] == DOCS


def test_prose_contradicting_table_two_read_from_damaged_text_is_reported():
    """&nbsp; between the cells of table 二: the table is read, and the N rule
    compares it with the sentence that says otherwise."""
    expected = distinct_report("2021", seed=3)
    docs = expected.active["normative_docs"]
    text = write("spaces", expected, seed=1)
    row = next(ln for ln in text.split("\n") if ln.lstrip().startswith("行政规范性文件"))
    text = text.replace(row, row.replace(" ", "&nbsp;")).replace(
        "一、总体情况", f"一、总体情况\n本年度现行有效行政规范性文件{docs['in_force'] + 5}件。", 1)
    report = parse_text(text)
    assert report.active["normative_docs"] == docs
    assert any(f.rule.startswith("N") and "规范性文件" in f.message for f in run(report))


def _docs_evenly_spaced(said: str):
    """pdf_text with 行政规范性文件 (blank | 43 | 144368 printed) as evenly spaced
    ``43 144 368``: a blank lost and a stray space, or three cells as printed."""
    expected = distinct_report("2021", seed=3)
    text = write("pdf_text", expected, seed=1, style=Style.plain())
    row = next(ln for ln in text.split("\n") if ln.startswith("行政规范性文件 "))
    text = text.replace(row, "行政规范性文件 43 144 368").replace(
        "二、主动公开政府信息情况", f"二、主动公开政府信息情况\n{said}", 1)
    return parse_text(text)


def test_evenly_spaced_row_of_table_two_is_read_by_the_prose_that_refutes_it():
    """The prose states 43 repealed and 144368 in force: 43|144|368 as printed is
    refuted, and one reading of the same text agrees (a stray space in 144368, the
    blank lost). It was read as printed, two wrong cells."""
    report = _docs_evenly_spaced("本年度废止行政规范性文件43件，现行有效行政规范性文件144368件。")
    assert report.active["normative_docs"] == {"issued": None, "repealed": 43,
                                               "in_force": 144368}
    assert report.provenance["active.normative_docs.in_force"].decided_by == "正文"


def test_evenly_spaced_row_refuted_by_one_figure_reads_only_what_the_readings_share():
    """Only 144368 in force stated: 43 may be issued or repealed (null)."""
    report = _docs_evenly_spaced("本年度现行有效行政规范性文件144368件。")
    assert report.active["normative_docs"] == {"issued": None, "repealed": None,
                                               "in_force": 144368}


@pytest.mark.parametrize("said", ["", "本年度现行有效行政规范性文件368件。",
                                  "本年度现行有效行政规范性文件999件。"])
def test_evenly_spaced_row_of_table_two_stays_as_printed_without_a_refuting_witness(said):
    """No figure, one that agrees with the printed reading, or one that fits no
    reading (the checker's N rule reports it): read as printed."""
    report = _docs_evenly_spaced(said)
    assert report.active["normative_docs"] == DOCS


def test_a_stray_space_inside_a_number_is_joined():
    """`（七）总计 3 4` where the row prints one number more than it has cells."""
    expected = distinct_report("2021", seed=7)
    text = write("spaces", expected, seed=1)
    row = next(ln for ln in text.split("\n") if "(七)总计" in normalize_label(ln))
    values = [str(v) for v in expected.applications["total"].values()]
    values[3] = values[3][:1] + " " + values[3][1:]
    damaged = "（七）总计 " + " ".join(values)
    report = parse_text(text.replace(row, damaged))
    assert report.applications["total"] == expected.applications["total"]


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("layout", ["tab_exact", "spaces"])
def test_no_part_headings_at_all_template_and_cells_from_the_tables(template, layout):
    expected, report = assert_read_without_headings(template, layout, seed=1, text_seed=1)
    assert report.applications == expected.applications


T3_HEAD = ("三、收到和处理政府信息公开申请情况\n"
           "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
           "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n")


def test_last_years_carried_forward_breaks_a_tie_in_this_years_carried_in():
    """`110000011` is 1|10|0|0|0|0|11 or 11|0|0|0|0|0|11 under its own total; last
    year's 结转下年度 (X-1) says which; without it the row stays null (a blank cell
    may also have gone with the separators, so not even 总计 11 is certain)."""
    text = T3_HEAD + "二、上年结转政府信息公开申请数量110000011\n"
    alone = parse_text(text).applications["carried_in"]
    assert set(alone.values()) == {None}
    cols = ["natural_person", "commercial", "research", "nonprofit", "legal_service",
            "other_org", "total"]
    previous = Report(year=2022, template="2021", applications={
        "carried_forward": dict(zip(cols, [1, 10, 0, 0, 0, 0, 11]))})
    report = parse_text(text, previous=previous)
    assert list(report.applications["carried_in"].values()) == [1, 10, 0, 0, 0, 0, 11]
    assert report.provenance["applications.carried_in.natural_person"].decided_by == "上年报告"



def test_floating_run_of_digits_keeps_its_place_so_the_next_row_is_not_shifted():
    """PDF text, found by the damaged-text property (pdf_text layout, seed kept as
    data/pdf_floating_run.txt): 其他's numbers run together on a line of their own
    (`57225113320002614`), its label on the next line, then （七）总计's numbers before
    their label. The run was dropped as a stray number, and 其他 took 总计's numbers
    (8131|8557|…); it now keeps its place and is cut by the identities."""
    text = (Path(__file__).parent / "data" / "pdf_floating_run.txt").read_text(encoding="utf-8")
    apps = parse_text(text).applications
    misc = [572, 25, 1, 13, 3, 2000, 2614]
    total = [8131, 8557, 7840, 15575, 7522, 13160, 60785]
    assert all(v is None or v == m for v, m in zip(apps["other.misc"].values(), misc))
    assert all(v is None or v == t for v, t in zip(apps["total"].values(), total))
    assert list(apps["other.misc"].values()) == misc
