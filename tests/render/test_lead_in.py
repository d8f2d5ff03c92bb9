"""A lead-in that announces a table without a full stop (本年度收到申请情况如下：,
具体情况见下表, a line ending with ：) is text before the table: it prints there,
and a rendering read back keeps it there, in every format. A PDF wraps a long
lead-in over two lines, the first with nothing that ends a sentence: both stay."""

from __future__ import annotations

import pytest

from zfxxgk import api
from zfxxgk.render import render
from zfxxgk.render.layout import build

from render_checks import expected_files, load_expected

AFTER = "申请均按期答复，没有逾期答复的情况，也没有因答复引起的行政复议或者行政诉讼。"
LEADS = ("本年度收到申请情况如下：", "具体情况见下表", "本年度收到和处理申请情况如下:")
LONG = "本机关本年度收到和处理政府信息公开申请的情况，按照国务院办公厅规定的报告格式统计如下："


def _report(samples, lead: str):
    report = load_expected(expected_files(samples)[0])[1]
    report.sections = {**(report.sections or {}), "3": f"{lead}\n{AFTER}", "4": "行政复议、行政诉讼情况如下：\n无。"}
    report.text_before_table = {"3": 1, "4": 1}
    return report


def _read(fmt: str, out):
    return api.parse_bytes(out if isinstance(out, bytes) else out.encode("utf-8"), source=f"lead.{fmt}")


def _placed(report) -> dict[str, tuple[list[str], list[str]]]:
    """Part -> (paragraphs before its table, paragraphs after), as printed."""
    return {p.key: (p.before, p.paragraphs) for p in build(report).parts if p.grid}


@pytest.mark.parametrize("lead", LEADS)
@pytest.mark.parametrize("fmt", ("md", "html", "docx"))
def test_a_lead_in_without_a_full_stop_reads_back_before_its_table(samples, fmt, lead):
    report = _report(samples, lead)
    got = _read(fmt, render(report, fmt))
    assert ((got.sections or {}).get("3"), (got.sections or {}).get("4")) == \
        (report.sections["3"], report.sections["4"])
    assert got.text_before_table == {"3": 1, "4": 1}
    # and read back it prints in the same place again
    md, html = render(got, "md"), render(got, "html")
    assert md.index(lead) < md.index("| 一、本年新收") < md.index(AFTER)
    part = html[html.index('id="part-3"'):html.index('id="part-4"')]
    assert part.index(f"<p>{lead}</p>") < part.index("<table") < part.index(f"<p>{AFTER}</p>")


def test_a_lead_in_of_parsed_plain_text_stays_before_the_table(samples):
    report = _report(samples, "具体情况见下表")
    text = render(report, "md").replace("|", "\t")  # the table as a text file's tabbed rows
    got = api.parse_bytes(text.encode("utf-8"), source="lead.txt")
    assert got.text_before_table == {"3": 1, "4": 1}
    assert got.sections["3"] == report.sections["3"]


def test_a_wrapped_lead_in_of_a_pdf_stays_before_the_table(samples):
    report = _report(samples, LONG)
    got = _read("pdf", render(report, "pdf"))
    assert "\n" in got.sections["3"].split(AFTER[:6])[0].strip()  # the PDF did wrap the lead-in
    assert _placed(got) == _placed(report)
    assert _placed(got)["3"] == ([LONG], [AFTER])
