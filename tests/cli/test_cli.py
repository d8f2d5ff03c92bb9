"""The `zfxxgk` commands through click's CliRunner: exit statuses, output shapes,
and bad inputs mixed with good ones (one Chinese line each, the run goes on).

Until the parser is complete these tests assert structure, not cell values; the
CSV row test feeds a report JSON, whose cells are known."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.model import Report, report_to_json

REPORT_TEXT = """某某街道办事处2023年政府信息公开工作年度报告

一、总体情况
2023年，本街道认真落实政府信息公开工作。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
六、其他需要报告的事项
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def good(tmp_path):
    p = tmp_path / "good.txt"
    p.write_text(REPORT_TEXT, encoding="utf-8")
    return p


@pytest.fixture
def good_gbk(tmp_path):
    p = tmp_path / "good-gbk.txt"
    p.write_bytes(REPORT_TEXT.encode("gbk"))
    return p


@pytest.fixture
def report_json(tmp_path):
    """A report JSON with known cells: a count, money with its printed digits, a blank."""
    report = Report(agency="某某街道办事处", year=2023, template="2021", source="甲.txt",
                    active={"fees": {"amount": Decimal("25.3190")}},
                    applications={"received": {"natural_person": 3, "commercial": None}})
    p = tmp_path / "report.json"
    p.write_text(report_to_json(report), encoding="utf-8")
    return p


@pytest.fixture
def bad(tmp_path):
    """One of each kind of unreadable input, with the words its message must have."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (tmp_path / "novel.txt").write_text("从前有座山，山里有座庙。\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(51 * 1024 * 1024)
    return {
        tmp_path / "empty.txt": "文件为空",
        tmp_path / "blob.bin": "二进制",
        tmp_path / "scan.pdf": "PDF",
        tmp_path / "novel.txt": "不是政府信息公开工作年度报告",
        tmp_path / "folder": "文件夹",
        tmp_path / "huge.txt": "51 MB",
        tmp_path / "missing.txt": "找不到",
    }


def invoke(runner, *args, **kw):
    return runner.invoke(cli, [str(a) for a in args], **kw)


# --- parse -------------------------------------------------------------------------------

def test_parse_one_file_prints_one_object(runner, good):
    result = invoke(runner, "parse", good)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "zfxxgk.report/1"
    assert data["source"] == str(good)
    assert len(data["sha256"]) == 64
    assert result.stderr == ""


def test_parse_several_files_prints_an_array_in_input_order(runner, good, good_gbk):
    result = invoke(runner, "parse", good, good_gbk, good)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == [str(good), str(good_gbk), str(good)]
    assert data[0]["sha256"] != data[1]["sha256"]


def test_parse_jsonl(runner, good, good_gbk):
    result = invoke(runner, "parse", "--format", "jsonl", good, good_gbk)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["source"] for line in lines] == [str(good), str(good_gbk)]


def test_parse_no_provenance(runner, good):
    result = invoke(runner, "parse", "--no-provenance", good)
    assert "provenance" not in json.loads(result.stdout)


def test_parse_csv_header_and_rows(runner, report_json):
    result = invoke(runner, "parse", "--format", "csv", report_json)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["source", "agency", "year", "template", "table", "row", "column", "value"]
    assert ["甲.txt", "某某街道办事处", "2023", "2021", "active", "fees", "amount", "25.3190"] in rows
    assert ["甲.txt", "某某街道办事处", "2023", "2021", "applications", "received",
            "natural_person", "3"] in rows
    assert ["甲.txt", "某某街道办事处", "2023", "2021", "applications", "received",
            "commercial", ""] in rows


def test_parse_stdin(runner):
    result = invoke(runner, "parse", "-", input=REPORT_TEXT.encode("gb18030"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_parse_empty_stdin(runner):
    result = invoke(runner, "parse", "-", input=b"")
    assert result.exit_code == 2
    assert "标准输入" in result.stderr and "文件为空" in result.stderr


def test_bad_inputs_mixed_with_good_ones(runner, good, bad):
    result = invoke(runner, "parse", *bad, good)
    assert result.exit_code == 2
    assert [d["source"] for d in json.loads(result.stdout)] == [str(good)]
    err = result.stderr.splitlines()
    assert len(err) == len(bad)
    for line, (path, words) in zip(err, bad.items()):
        assert str(path) in line and words in line, line
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_each_bad_input_alone(runner, bad, fmt):
    for path, words in bad.items():
        result = invoke(runner, "parse", "--format", fmt, path)
        assert result.exit_code == 2
        assert words in result.stderr
        assert result.stderr.count("\n") == 1
        assert isinstance(result.exception, SystemExit)


def test_internal_error_in_one_file_does_not_stop_the_run(runner, good, good_gbk, monkeypatch):
    import zfxxgk.api

    real = zfxxgk.api.parse_document

    def flaky(doc, previous=None):
        if doc.source == str(good):
            raise RuntimeError("boom")
        return real(doc, previous)

    monkeypatch.setattr(zfxxgk.api, "parse_document", flaky)
    result = invoke(runner, "parse", "--format", "jsonl", good, good_gbk)
    assert result.exit_code == 2
    assert "内部错误" in result.stderr and str(good) in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["source"] == str(good_gbk)


def test_output_file_is_replaced_whole(runner, good, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("OLD", encoding="utf-8")
    result = invoke(runner, "parse", "-o", out, tmp_path / "missing.txt")
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "OLD"  # nothing read: nothing replaced
    result = invoke(runner, "parse", "-o", out, good)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["source"] == str(good)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "out.json"]


def test_usage_errors(runner):
    assert invoke(runner, "parse").exit_code == 2
    assert invoke(runner, "parse", "--format", "xml", "a").exit_code == 2


# --- check -------------------------------------------------------------------------------

WANGHU = Path(__file__).resolve().parents[2] / "examples" / "wanghu-street-2023.txt"


def test_check_findings_document_and_exit_status(runner):
    """The example with a broken 表三 (examples/README.md): three identity errors,
    so exit status 1; the document has the findings.md shape."""
    result = invoke(runner, "check", "--format", "json", WANGHU)
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "zfxxgk.findings/1" and doc["source"] == str(WANGHU)
    assert doc["report"] == {"agency": "青禾市云岭区望湖街道办事处", "year": 2023, "template": "2021"}
    errors = [f["rule"] for f in doc["findings"] if f["severity"] == "error"]
    assert errors == ["T3-1", "T3-2", "T3-3"]


def test_check_text_review_in_chinese(runner):
    lines = invoke(runner, "check", WANGHU).stdout.splitlines()
    assert lines[:4] == ["青禾市云岭区望湖街道办事处2023年政府信息公开工作年度报告", f"来源：{WANGHU}",
                         "表格格式：2021年格式", "核查结果：错误3项，警告1项，提示0项"]
    assert "  [T3-1] 第一项加第二项之和（10）不等于第三项加第四项之和（11）：自然人列" in lines


def test_check_without_errors_exits_0(runner, report_json):
    """Blank cells make the identities uncheckable: info findings, no error, exit 0."""
    result = invoke(runner, "check", "--format", "json", "--select", "T3", report_json)
    severities = {f["severity"] for f in json.loads(result.stdout)["findings"]}
    assert result.exit_code == 0 and severities == {"info"}


def test_check_jsonl_and_bad_input(runner, good, report_json, tmp_path):
    result = invoke(runner, "check", "--format", "jsonl", good, tmp_path / "missing.txt",
                    report_json)
    assert result.exit_code == 2
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["schema"] for d in docs] == ["zfxxgk.findings/1"] * 2
    assert "missing.txt" in result.stderr


def test_check_select_and_skip(runner, report_json):
    result = invoke(runner, "check", "--format", "json", "--select", "T3,T4", "--skip", "T4-1",
                    report_json)
    assert result.exit_code in (0, 1), result.output
    for f in json.loads(result.stdout)["findings"]:
        assert f["rule"].startswith(("T3-", "T4-")) and f["rule"] != "T4-1"


# --- schema, rules, help -----------------------------------------------------------------

def test_schema(runner):
    result = invoke(runner, "schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "properties" in schema and "applications" in schema["properties"]


def test_rules(runner):
    result = invoke(runner, "rules")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["编号", "级别", "说明"]
    result = invoke(runner, "rules", "--format", "json")
    catalogue = json.loads(result.stdout)
    assert isinstance(catalogue, list) and all("id" in r for r in catalogue)


@pytest.mark.parametrize("command", [[], ["parse"], ["check"], ["schema"], ["rules"]])
def test_help(runner, command):
    result = invoke(runner, *command, "--help")
    assert result.exit_code == 0
    assert "用法：" in result.stdout


def test_version(runner):
    assert invoke(runner, "--version").stdout.startswith("zfxxgk ")


def test_display_width_aligns_chinese():
    from zfxxgk.cli import display_width, format_table

    assert display_width("编号") == 4
    lines = format_table([("编号", "说明"), ("T3-1", "x")]).splitlines()
    assert display_width(lines[1][:lines[1].index("x")]) == display_width(lines[0][:lines[0].index("说")])


# --- the shared samples ------------------------------------------------------------------

def test_parse_and_check_every_sample_text(runner, samples):
    texts = sorted(samples.glob("seeds/*.txt")) + sorted(samples.glob("real/*.txt"))
    assert len(texts) >= 8
    result = invoke(runner, "parse", "--format", "jsonl", "--no-provenance", *texts)
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"] for d in docs] == [str(p) for p in texts]
    assert all(d["schema"] == "zfxxgk.report/1" for d in docs)
    result = invoke(runner, "check", "--format", "jsonl", *texts)
    assert result.exit_code in (0, 1), result.stderr
    assert len(result.stdout.splitlines()) == len(texts)


def test_pdf_sample_is_read_beside_a_text(runner, samples, good):
    """PDF is recognised by content and read (issue 3); the text file still parses."""
    pdf = sorted(samples.glob("real/*.pdf"))[0]
    result = invoke(runner, "parse", pdf, good)
    assert result.exit_code == 0, result.stderr
    assert [d["source"] for d in json.loads(result.stdout)] == [str(pdf), str(good)]


# --- the project's examples (what `make run` checks) -------------------------------------

EXAMPLES = sorted(p for p in (Path(__file__).resolve().parents[2] / "examples").iterdir()
                  if p.is_file() and p.name != "README.md")


def test_make_run_examples_are_all_readable_and_have_findings(runner):
    assert EXAMPLES, "examples/ has no example reports"
    result = invoke(runner, "check", *EXAMPLES)
    assert result.stderr == ""
    assert result.exit_code == 1  # the planted mistakes: findings, never an unreadable input
    result = invoke(runner, "parse", "--format", "csv", *EXAMPLES)
    assert result.exit_code == 0, result.stderr
    sources = {row[0] for row in csv.reader(io.StringIO(result.stdout))}
    assert sources == {"source", *map(str, EXAMPLES)}


def test_deadline_at_the_top_level_matches_cases_deadline():
    from zfxxgk.cli import cli
    runner = CliRunner()
    top = runner.invoke(cli, ["deadline", "--received", "2024-09-27", "--format", "json"])
    nested = runner.invoke(cli, ["cases", "deadline", "--received", "2024-09-27", "--format", "json"])
    assert top.exit_code == nested.exit_code == 0
    assert json.loads(top.stdout)["due"] == json.loads(nested.stdout)["due"] == "2024-10-30"
    provisional = runner.invoke(cli, ["deadline", "--received", "2030-12-20"])
    assert provisional.exit_code == 3
