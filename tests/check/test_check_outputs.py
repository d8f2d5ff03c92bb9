"""`zfxxgk check FOLDER --format html|xlsx|csv|json`: the reviewer's outputs.

A folder of two real reports and one damaged PDF: every output names the
unreadable file with its reason, labels cells as the printed table does and
severities in Chinese, while the JSON keeps the codes of findings.md."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from zfxxgk.app.finding_table import COLUMNS
from zfxxgk.cli import cli

CODE = re.compile(r"^[a-z_]+(\.[a-z_0-9]+)+$")


@pytest.fixture
def folder(tmp_path, samples):
    d = tmp_path / "报告"
    d.mkdir()
    for name in ("hongze-district-2023.txt", "huaian-city-2024.txt"):
        shutil.copy(samples / "real" / name, d / name)
    (d / "损坏.pdf").write_bytes(b"%PDF-1.4\n1 0 obj broken")
    return d


def _check(*args):
    return CliRunner().invoke(cli, ["check", *map(str, args)], catch_exceptions=False)


def _assert_table(rows):
    assert tuple(rows[0]) == COLUMNS
    body = [dict(zip(COLUMNS, r)) for r in rows[1:]]
    assert {r["级别"] for r in body} <= {"错误", "警告", "提示", "无法读取"}
    assert any(r["级别"] == "错误" for r in body)  # 洪泽 2023 prints wrong T4 totals
    bad = [r for r in body if r["级别"] == "无法读取"]
    assert len(bad) == 1 and bad[0]["报告"].endswith("损坏.pdf") and "PDF" in bad[0]["说明"]
    t4 = next(r for r in body if r["规则"] == "T4-1")
    assert t4["机关"] == "淮安市洪泽区人民政府" and str(t4["年度"]) == "2023"
    assert t4["单元格"].startswith("行政复议（总计") and t4["位置"].startswith("第")
    assert not any(CODE.match(part) for r in body for part in (r["单元格"] or "").split("、"))


def test_csv_with_chinese_labels(folder, tmp_path):
    out = tmp_path / "问题.csv"
    result = _check(folder, "--format", "csv", "-o", out)
    assert result.exit_code == 2  # an unreadable file
    _assert_table(list(csv.reader(io.StringIO(out.read_text("utf-8")))))
    assert "损坏.pdf" in result.stderr


def test_xlsx_with_chinese_labels(folder, tmp_path):
    out = tmp_path / "问题.xlsx"
    assert _check(folder, "--format", "xlsx", "-o", out).exit_code == 2
    sheet = load_workbook(out)["问题"]
    _assert_table([[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)])


def test_xlsx_needs_an_output_file(folder):
    result = _check(folder, "--format", "xlsx")
    assert result.exit_code == 2 and "-o" in result.stderr and not result.stdout


def test_json_keeps_codes_one_object_per_readable_input(folder):
    result = _check(folder, "--format", "json")
    docs = json.loads(result.stdout)
    assert isinstance(docs, list) and len(docs) == 2
    severities = {f["severity"] for d in docs for f in d["findings"]}
    assert severities <= {"error", "warning", "info"} and "error" in severities
    assert any(CODE.match(c) for d in docs for f in d["findings"] for c in f["cells"])


def test_html_index_summary_sorting_pass_fail_unreadable(folder, tmp_path):
    index = tmp_path / "out" / "index.html"
    index.parent.mkdir()
    assert _check(folder, "--format", "html", "-o", index).exit_code == 2
    text = index.read_text("utf-8")
    summary = text.split('class="summary"', 1)[1].split("</p>", 1)[0]
    assert re.findall(r"<span>(.+?)：<b>(\d+)</b></span>", summary) == [
        ("报告", "2"), ("有错误", "1"), ("有警告", "1"), ("无法读取的文件", "1")]
    assert text.count(">未通过</td>") == 1 and text.count(">通过</td>") == 1
    unreadable = text.split("无法读取的文件</h2>", 1)[1]
    assert "损坏.pdf" in unreadable and "PDF 文件已损坏" in unreadable
    assert "<script>" in text and "http" not in text.split("<script>", 1)[1]  # nothing fetched
    assert len(list(index.parent.glob("0*.html"))) == 2
