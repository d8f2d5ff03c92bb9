"""Text a report puts before a table prints before it, in every format, and reads
back to the same report: every shared sample, with sentences before and after the
tables of parts 二, 三 and 四 that name the tables' own rows and figures (the prose a
table parser could take for a row), rendered and read back through the real
loaders: same cells, same texts, same place of each text."""

from __future__ import annotations

import json

import pytest

from samples import differences
from zfxxgk import api
from zfxxgk.model import dumps, report_from_json, report_to_dict
from zfxxgk.render import render

from render_checks import expected_files

FAST = ("md", "html", "docx", "xlsx")


def _with_text(report):
    """Two sentences before each table and one after, quoting row labels and figures."""
    t3 = report.applications
    received = (t3.get("received") or {}).get("total")
    total = (t3.get("total") or {}).get("total")
    review = (report.review_litigation.get("review") or {}).get("total")
    sections = dict(report.sections or {})
    sections["2"] = "规章本年制发件数见下表。\n行政许可本年处理决定数量见下表。\n以上为主动公开情况。"
    sections["3"] = (f"一、本年新收政府信息公开申请数量{received}件。\n（七）总计{total}件，详见下表。\n"
                     "四、结转下年度继续办理的申请均按期办结。")
    sections["4"] = f"行政复议结果维持{review}件。\n行政诉讼情况见下表。\n未经复议直接起诉的尚未审结。"
    report.sections = sections
    report.text_before_table = {"2": 2, "3": 2, "4": 2}
    return report


def _read(fmt: str, out, name: str):
    raw = out if isinstance(out, bytes) else out.encode("utf-8")
    return api.parse_bytes(raw, source=f"{name}.{fmt}")


def _cells(report) -> dict:
    return json.loads(dumps(report_to_dict(report, provenance=False)), parse_float=str)


def _check(fmt: str, samples) -> dict:
    failures = {}
    for path in expected_files(samples):
        text = path.read_text(encoding="utf-8")
        expected = json.loads(text, parse_float=str)
        report = _with_text(report_from_json(text))
        got = _read(fmt, render(report, fmt), path.stem)
        problems = differences(expected, _cells(got))
        for key in ("2", "3", "4"):
            if (got.sections or {}).get(key) != report.sections[key]:
                problems.append(f"part {key}: {(got.sections or {}).get(key)!r}")
        if got.text_before_table != report.text_before_table:
            problems.append(f"placement: {got.text_before_table}")
        if problems:
            failures[path.stem] = problems
    return failures


def test_the_text_before_a_table_prints_before_it():
    report = _with_text(report_from_json(json.dumps({"schema": "zfxxgk.report/1", "agency": "某局",
                                                     "year": 2025, "template": "2021"})))
    md = render(report, "md")
    assert md.index("一、本年新收政府信息公开申请数量") < md.index("| 一、本年新收") < md.index("四、结转下年度继续办理的")
    html = render(report, "html")
    part = html[html.index('id="part-3"'):html.index('id="part-4"')]
    assert part.index("<p>一、本年新收") < part.index("<table") < part.index("<p>四、结转下年度")


@pytest.mark.parametrize("fmt", FAST)
def test_every_sample_with_text_before_its_tables_reads_back(samples, fmt):
    assert _check(fmt, samples) == {}


@pytest.mark.slow
def test_every_sample_with_text_before_its_tables_reads_back_from_pdf(samples):
    assert _check("pdf", samples) == {}


def test_a_draft_says_where_the_text_goes_and_keeps_it():
    from zfxxgk.parse.draft import DraftError, read_draft
    from zfxxgk.render.draft import new_draft

    head, tail = new_draft("某街道办事处", 2025).split("\ntext_before:\n")
    blank3 = '  # 三、收到和处理政府信息公开申请情况\n  "3": ""'
    head = head.replace(blank3, '  "3": "申请均按期答复。"', 1)
    tail = tail.replace(blank3, '  "3": |\n    一、本年新收政府信息公开申请数量见下表。', 1)
    text = f"{head}\ntext_before:\n{tail}"
    report = read_draft(text)
    assert report.sections["3"] == "一、本年新收政府信息公开申请数量见下表。\n申请均按期答复。"
    assert report.text_before_table == {"3": 1}
    md = render(report, "md")
    assert md.index("一、本年新收政府信息公开申请数量见下表。") < md.index("| 一、本年新收") < md.index("申请均按期答复。")
    again = read_draft(new_draft(report.agency, report.year, report=report))  # a draft of the report
    assert (again.sections, again.text_before_table) == (report.sections, report.text_before_table)
    with pytest.raises(DraftError, match="text_before 只用于有表格的二、三、四部分"):
        read_draft(f'{head}\ntext_before:\n  "5": "不该在这里。"\n{tail}')
