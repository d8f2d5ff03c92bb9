"""Reports whose parts and tables stand in another order or form than the
national one (bench/order_probe.py counts them on whole reports): each table is
read where it stands, or left null with its finding, never another number."""

from __future__ import annotations

import re

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.check import run
from zfxxgk.parse import parse_text

_PART = re.compile(r"^([二三四五六])、(?:主动公开|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)")


def _parts(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """The report's lines before part 二, and part number -> its lines."""
    head: list[str] = []
    parts: dict[str, list[str]] = {}
    cur = None
    for line in text.split("\n"):
        m = _PART.match(line)
        if m:
            cur = m.group(1)
            parts[cur] = []
        (parts[cur] if cur else head).append(line)
    return head, parts


def _report_text(seed: int) -> tuple:
    report = distinct_report("2021", seed=seed, agency="青禾市审计局", year=2023)
    return report, write("tab_exact", report, seed=1, style=Style.plain())


def test_table_three_printed_before_table_two():
    """Part 三 before part 二: each heading bounds its own table (before, part 二's
    heading out of order was passed over and table 二 was lost)."""
    report, text = _report_text(21)
    head, parts = _parts(text)
    order = "三二四五六"
    parsed = parse_text("\n".join(head + [ln for n in order for ln in parts[n]]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.active == report.active
    assert any(f.rule == "F-SECTION" and "位置" in f.message for f in run(parsed))


def test_tables_in_an_appendix_after_part_six():
    """Parts 二 to 四 say 详见附表 and the tables follow part 六 as 附表1-3: read
    there (before, part 四's heading was taken for table 四's header, and table 四
    was lost)."""
    report, text = _report_text(22)
    head, parts = _parts(text)
    appendix = []
    for k, n in enumerate("二三四", 1):
        table = [ln for ln in parts[n] if "\t" in ln or ln.startswith("第二十条")]
        parts[n] = [ln for ln in parts[n] if ln not in table] + [f"详见附表{k}。"]
        appendix += [f"附表{k}：" + ("主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                                     "政府信息公开行政复议、行政诉讼情况")[k - 1], *table]
    body = [ln for n in "二三四五六" for ln in parts[n]]
    parsed = parse_text("\n".join(head + body[:-2] + appendix + body[-2:]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.review_litigation == report.review_litigation
    assert parsed.applications == report.applications


def test_table_three_transposed_is_not_read_and_said():
    """Applicant kinds as rows, outcomes as columns: null with F-TABLE saying so,
    not rows of blank cells (F-BLANK) nor numbers from the wrong cells."""
    report, text = _report_text(23)
    head, parts = _parts(text)
    rows = [ln.split("\t") for ln in parts["三"] if "\t" in ln]
    header, body = rows[0], rows[1:]
    turned = ["\t".join(["申请人情况"] + [r[0] for r in body])]
    turned += ["\t".join([header[j]] + [r[j] for r in body]) for j in range(1, len(header))]
    parts["三"] = [ln for ln in parts["三"] if "\t" not in ln] + turned
    parsed = parse_text("\n".join(head + [ln for n in "二三四五六" for ln in parts[n]]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert {v for row in parsed.applications.values() for v in row.values()} == {None}
    rules = {f.rule for f in run(parsed)
             if any(c.startswith("applications.") for c in f.cells)}
    assert "F-BLANK" not in rules
    assert any(f.rule == "F-TABLE" and "行列互换" in f.message for f in run(parsed))


def test_two_reports_on_one_page_are_never_mixed_by_an_out_of_order_heading():
    """Last year's report (its part 二 heading lost) and this year's on one page:
    this year's heading 二 comes after last year's 三, and is not taken to bound
    table 二 (every part printed twice: no heading is chosen out of order); the
    first report's tables are read, none from the second."""
    report, text = _report_text(24)
    prev = distinct_report("2021", seed=25, agency="青禾市审计局", year=2022)
    first = [ln for ln in write("tab_exact", prev, seed=2, style=Style.plain()).split("\n")
             if not ln.startswith("二、主动公开")]
    parsed = parse_text("\n".join(first) + "\n\n" + text)
    assert parsed.year == 2022
    assert wrong_cells(parsed, tables_of(prev)) == []


def test_two_reports_on_one_page_the_first_is_dated_by_its_own_signature():
    """A page with two bodies' (or years') reports one after the other: the first is
    read, and so are its signature's date and name (not the second's last lines)
    and its part 六 (which ran on to the page's end)."""
    report, text = _report_text(26)
    other = distinct_report("2021", seed=27, agency="青禾市统计局", year=2022)
    other_text = write("tab_exact", other, seed=2, style=Style.plain())
    parsed = parse_text(text + "\n\n" + other_text)
    assert (parsed.agency, parsed.year) == ("青禾市审计局", 2023)
    assert parsed.published_on == report.published_on
    # part 六's text is the first report's own, up to the second's title
    assert "青禾市统计局" not in parsed.sections["6"] and "总体情况" not in parsed.sections["6"]
    parsed = parse_text(other_text + "\n\n" + text)
    assert (parsed.agency, parsed.year) == ("青禾市统计局", 2022)
    assert parsed.published_on == other.published_on


def test_tables_appended_after_the_signature_leave_its_date():
    """附件 tables after the signature: the report's last lines are table rows, the
    signature before them still dates the report."""
    report, text = _report_text(28)
    head, parts = _parts(text)
    appendix = ["附件："]
    for n in "二三四":
        table = [ln for ln in parts[n] if "\t" in ln]
        parts[n] = [ln for ln in parts[n] if ln not in table]
        appendix += table
    parsed = parse_text("\n".join(head + [ln for n in "二三四五六" for ln in parts[n]] + appendix))
    assert parsed.published_on == report.published_on
    assert parsed.agency == "青禾市审计局"


def test_a_table_printed_again_as_an_appendix_with_other_figures_is_said():
    """Table 三 printed in part 三 and again after part 六 (附表) with other figures:
    the first copy is read, and F-TABLE says the report prints two versions, with
    the cells that differ; the same figures twice say nothing."""
    report, text = _report_text(29)
    other = distinct_report("2021", seed=30, agency="青禾市审计局", year=2023)
    _, other_parts = _parts(write("tab_exact", other, seed=1, style=Style.plain()))
    head, parts = _parts(text)
    own = [ln for ln in parts["三"] if "\t" in ln]
    body = [ln for n in "二三四五六" for ln in parts[n]]
    for appendix, differs in (([ln for ln in other_parts["三"] if "\t" in ln]), True), (own, False):
        parsed = parse_text("\n".join(head + body[:-2] + ["附表：收到和处理政府信息公开申请情况"]
                                      + appendix + body[-2:]))
        assert parsed.applications == report.applications
        said = [f for f in run(parsed) if f.rule == "F-TABLE" and "印了两次" in f.message]
        assert bool(said) == differs
        if differs:
            first = report.applications["received"]["natural_person"]
            second = other.applications["received"]["natural_person"]
            assert f"前为{first}、后为{second}" in said[0].message
            assert "applications.received.natural_person" in said[0].cells
            assert said[0].where["line"] is not None
