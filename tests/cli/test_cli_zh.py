"""click's usage errors and help headings in Chinese (the walk-through met
`Error: Missing option '--agency'` and `Usage:`), and severities named 错误/警告/提示
in human output while the JSON keeps error|warning|info."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli

ENGLISH = re.compile(r"\b(Error|Usage|Missing|No such|Invalid value|Try|Options|Show this)\b")


@pytest.mark.parametrize("args,words", [
    (["compile", "--year", "2025"], "错误：缺少选项 '--agency'。"),
    (["check", "--bogus", "x"], "错误：没有选项 '--bogus'。"),
    (["chek"], "错误：没有命令 'chek'。"),
    (["check"], "错误：缺少参数 '文件…'。"),
    (["deadline", "--received", "2025-01-01", "--format", "yaml"], "不是可选的值之一"),
    (["cases", "import", "无此文件.xlsx", "--agency", "甲"], "不存在"),
])
def test_usage_errors_are_chinese(args, words):
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 2
    assert words in r.output
    assert "用法：" in r.output and "查看帮助" in r.output
    assert not ENGLISH.search(r.output), r.output


def test_help_headings_are_chinese():
    out = CliRunner().invoke(cli, ["deadline", "--help"]).output
    assert "用法：" in out and "选项" in out and "显示本说明并退出。" in out
    assert "Usage:" not in out and "Show this message" not in out


def test_severities_named_in_chinese_and_codes_in_json(tmp_path):
    from zfxxgk.render.draft import new_draft

    draft = tmp_path / "草稿.yaml"
    draft.write_text(new_draft("甲", 2025), encoding="utf-8")
    human = CliRunner().invoke(cli, ["check", str(draft)]).output
    assert "警告（" in human and "提示（" in human
    assert not re.search(r"\b(warning|info|error)\b", human)
    data = CliRunner().invoke(cli, ["check", str(draft), "--format", "json"]).output
    severities = {f["severity"] for f in json.loads(data)["findings"]}
    assert severities <= {"error", "warning", "info"} and "warning" in severities


@pytest.mark.parametrize("args", [["parse"], ["check", "--format", "html"], ["check", "--format", "xlsx"],
                                  ["render", "--to", "docx", "--force"]])
def test_an_output_in_a_missing_folder_is_one_chinese_line(tmp_path, args):
    source = tmp_path / "r.txt"
    source.write_text("某县2023年政府信息公开工作年度报告\n", encoding="utf-8")
    target = tmp_path / "没有的文件夹" / "out"
    r = CliRunner().invoke(cli, [*args, str(source), "-o", str(target)])
    assert r.exit_code == 1
    assert r.output.strip().splitlines()[-1] == f"错误：无法写入 {target}：所在文件夹不存在"
    assert "Traceback" not in r.output
    assert not target.parent.exists()


PLACEHOLDER = re.compile(r"(?<![\w/.-])(FILE|FILES|DIR|FOLDER|REPORT|OUT|INPUT|URL|LAST|FIXED|CASE_FILE|NAME|"
                         r"ADDR|RULES|SECONDS|TEXT|PATH|ARCHIVE|FROM:TO|LAST_YEAR_REPORT)(?![\w])")


def _commands(command, path):
    import click

    yield path, command
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            yield from _commands(command.get_command(ctx, name), [*path, name])


def test_help_placeholders_are_chinese():
    """`用法： zfxxgk check [选项] 文件…`, `-o, --output 输出文件`: no FILE..., DIR,
    OUT in any command's help, and the texts name the arguments as the usage does."""
    seen = 0
    for path, _ in _commands(cli, []):
        text = CliRunner().invoke(cli, [*path, "--help"], terminal_width=80).output
        usage = text.splitlines()[0]
        assert "..." not in usage and not re.search(r"[A-Z]{2,}", usage.replace("SQL", "")), usage
        bad = [line for line in text.splitlines() if PLACEHOLDER.search(line)]
        assert not bad, (path, bad)
        seen += 1
    assert seen > 30
    usage = CliRunner().invoke(cli, ["check", "--help"]).output.splitlines()[0]
    assert usage.endswith("check [选项] 文件…")
