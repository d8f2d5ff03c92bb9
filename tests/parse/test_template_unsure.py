"""Table 二 unread, table 三's single （六）其他处理 row the one label left: 2021
reports print that row too (the Hongze samples), so the report's year decides,
and without a year the format stays undecided — never 2019 by the row alone."""

from __future__ import annotations

from zfxxgk.check import run
from zfxxgk.ingest.document import Document
from zfxxgk.parse import parse_document
from zfxxgk.parse.template import T3Variant, detect_template

from samples import samples_dir

SINGLE = T3Variant({"other"}, "2019")


def _without_table_two(name: str) -> str:
    """The sample with table 二's rows gone (its heading kept): a page not decoded."""
    lines = (samples_dir() / "real" / name).read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("二、主动公开"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("三、收到和处理"))
    return "\n".join(lines[:start + 1] + lines[end:])


def test_a_2023_report_without_table_two_keeps_the_2021_format():
    report = parse_document(Document.from_text(_without_table_two("hongze-district-2023.txt")))
    assert report.year == 2023
    assert report.template == "2021"
    assert report.applications["other"]["total"] == 0  # the single row still read
    unsure = [n for n in report.notes if n.kind == "template_unsure"]
    assert [n.data for n in unsure] == [{"decided": "2021", "year": 2023}]
    messages = [f.message for f in run(report) if f.rule == "F-TEMPLATE"]
    assert len(messages) == 1 and "按报告年度2023年定为2021年格式" in messages[0]


def test_the_whole_sample_is_still_2021_mixed():
    text = (samples_dir() / "real" / "hongze-district-2023.txt").read_text(encoding="utf-8")
    report = parse_document(Document.from_text(text))
    assert report.template == "2021"
    assert not any(n.kind == "template_unsure" for n in report.notes)


def test_the_single_row_alone_follows_the_year():
    assert detect_template([], SINGLE, 2020).template == "2019"
    assert detect_template([], SINGLE, 2020).unsure is None
    assert detect_template([], SINGLE, 2021).template == "2021"
    undecided = detect_template([], SINGLE, None)
    assert undecided.template is None and undecided.unsure == {"decided": None, "year": None}


def test_table_three_sub_rows_still_vote_2021_without_a_year():
    choice = detect_template([], T3Variant({"other.misc", "other.no_fee"}, "2021"), None)
    assert choice.template == "2021" and choice.unsure is None
