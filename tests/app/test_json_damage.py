"""A damaged or foreign report JSON given to parse, check, render or fix: one Chinese
line naming what is wrong (an InputError), never a traceback, an English message
or a number the file does not hold (`true` read as 1, `false` as an invented 0)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zfxxgk.api import parse_bytes
from zfxxgk.cli import cli
from zfxxgk.errors import InputError
from zfxxgk.model import Report, report_to_json

REPORT = Report(agency="某某局", year=2023, template="2021",
                applications={"received": {"natural_person": 3, "total": 3}},
                active={"fees": {"amount": 0}})
TEXT = report_to_json(REPORT, provenance=False)


def _with(old: str, new: str) -> str:
    assert old in TEXT
    return TEXT.replace(old, new, 1)


CASES = {
    "cut in half": (TEXT[:len(TEXT) // 2], "JSON 格式错误（第"),
    "nested 100000 deep": ('{"schema": "zfxxgk.report/1", "agency": ' + "[" * 100000 + "]" * 100000 + "}",
                           "JSON 嵌套层数太多"),
    "a number of 5000 digits": (_with('"total": 3', '"total": ' + "9" * 5000), "数字位数太多（5000 位）"),
    "true in a count": (_with('"total": 3', '"total": true'), "应为数字或 null，不是 true/false"),
    "false in a count": (_with('"total": 3', '"total": false'), "应为数字或 null，不是 true/false"),
    "a count as text": (_with('"total": 3', '"total": "12"'), "received.total：应为数字或 null，不是文字（“12”）"),
    "a count as text with a point": (_with('"total": 3', '"total": "12.0"'), "不是文字（“12.0”）"),
    "a count as text with a space": (_with('"total": 3', '"total": " 12"'), "不是文字（“ 12”）"),
    "a count in full-width digits": (_with('"total": 3', '"total": "１２"'), "不是文字（“１２”）"),
    "money as an exponent in text": (_with('"amount": 0', '"amount": "1e3"'), "fees.amount：应为数字或 null，不是文字（“1e3”）"),
    "a row the form does not have": (_with('"received": {', '"recieved": {"total": 5}, "received": {'),
                                     "applications：没有“recieved”这一行（applications.recieved.total 不是"),
    "a column the form does not have": (_with('"total": 3', '"total": 3, "totals": 5'),
                                        "“received”行没有“totals”这一列（applications.received.totals"),
    "a count given twice": (_with('"total": 3', '"total": 3, "total": 7'), "“total”一项出现了两次，不知应取哪一个"),
    "NaN in a count": (_with('"total": 3', '"total": NaN'), "NaN 不是数"),
    "Infinity as money": (_with('"amount": 0', '"amount": -Infinity'), "-Infinity 不是数"),
    "a year as text": (_with('"year": 2023', '"year": "2023"'), "year：应为四位数的年份（如 2023），不是文字"),
    "a lone surrogate": (_with('"agency": "', '"agency": "\\ud800'), "单独的 UTF-16 代理项"),
    "a date as a number": (_with('"published_on": null', '"published_on": 12345'), "应为日期"),
    "another version": (_with("zfxxgk.report/1", "zfxxgk.report/2"),
                        "报告 JSON 的版本是 zfxxgk.report/2，这个版本的 zfxxgk 只读取 zfxxgk.report/1"),
    "check's findings": ('{"schema": "zfxxgk.findings/1", "findings": []}',
                         "这是 zfxxgk 的 zfxxgk.findings/1 文档，不是报告 JSON"),
    "parse's array of several": (f"[{TEXT}, {TEXT}]", "这是多份报告组成的 JSON 数组"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_damaged_report_json_is_one_chinese_refusal(name):
    text, words = CASES[name]
    with pytest.raises(InputError) as caught:
        parse_bytes(text.encode("utf-8"), source="r.json")
    assert words in caught.value.message
    assert "Error" not in caught.value.message and "Exceeds" not in caught.value.message


def test_a_pair_of_surrogates_is_one_character_and_reads():
    text = _with('"agency": "某某局"', '"agency": "某某局\\ud83d\\ude00"')
    assert parse_bytes(text.encode("utf-8")).agency == "某某局\U0001F600"


@pytest.mark.parametrize("command", [["render", "--to", "html"], ["fix"], ["check"]])
def test_every_command_refuses_a_deep_json_in_one_line(command, tmp_path: Path):
    path = tmp_path / "deep.json"
    path.write_text(CASES["nested 100000 deep"][0], "utf-8")
    out = tmp_path / ("out.html" if command[0] == "render" else "out.json")
    args = [*command, str(path)] + ([] if command[0] == "check" else ["-o", str(out)])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.strip() == f"错误：{path}：不是有效的 zfxxgk.report/1 JSON：JSON 嵌套层数太多"
    assert not out.exists()


def test_both_forms_of_the_sixth_row_and_both_formats_cells_still_read():
    """A 2021 report printing （六）其他处理 as one row (report-json.md) keeps `other`."""
    mixed = Report(template="2021", applications={"other": {"total": 2}, "other.misc": {"total": None}},
                   active={"procurement": {"items": 1}})
    back = parse_bytes(report_to_json(mixed, provenance=False).encode("utf-8"))
    assert back.cell("applications.other.total") == 2 and back.cell("active.procurement.items") == 1


def test_the_valid_document_still_reads():
    report = parse_bytes(TEXT.encode("utf-8"))
    assert report.cell("applications.received.total") == 3 and report.agency == "某某局"
    assert json.loads(TEXT)["applications"]["received"]["total"] == 3
