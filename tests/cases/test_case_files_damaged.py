"""Damaged case and register files, a named pipe given as a 台账, an endless standard
input to `render -`: each one Chinese line naming the file, never a traceback
(deep nesting, a binary file), json's English, a run that waits for ever or one
that reads until memory runs out."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from zfxxgk.cases.registers import RegisterError, load
from zfxxgk.cli import cli
from zfxxgk.commands.compile import read_cases

from .ledger_books import AGENCY
from .test_compile_cli import run

DAMAGED = {
    "deep.json": ('{"id": ' + "[" * 100000 + "]" * 100000 + "}", "不是有效的 JSON（JSON 嵌套层数太多）"),
    "binary.json": (bytes(range(256)) * 4, "不是有效的 JSON（不是 UTF-8 编码的文本）"),
    "cut.json": ('{"id": "QH-1", "agency": ', "不是有效的 JSON（JSON 格式错误（第 1 行第 26 列））"),
    "empty.json": ("", "文件为空"),
    "number.json": ("[1, 2]", "案件格式有误（应为一个案件对象 {…} 或案件对象的列表）"),
    "half.json": ('{"id": "QH-1"}', "案件格式有误（缺少 agency、applicant_type）"),
    "kind.json": ('{"id": "QH-1", "agency": "甲", "applicant_type": "市民"}',
                  "案件格式有误（有一项的值“市民”不是可用的取值，应按 zfxxgk cases import-json 所读的案件格式填写）"),
}


def _write(path: Path, body: str | bytes) -> Path:
    path.write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
    return path


@pytest.mark.parametrize("name", DAMAGED)
def test_a_damaged_case_file_is_one_chinese_line(tmp_path, name):
    body, words = DAMAGED[name]
    path = _write(tmp_path / name, body)
    with pytest.raises(click.ClickException) as caught:
        read_cases(path)
    assert caught.value.message == f"{path}：{words}"


@pytest.mark.parametrize("name", ["deep.json", "binary.json", "empty.json"])
def test_a_damaged_register_file_is_named(tmp_path, name):
    body, words = DAMAGED[name]
    path = _write(tmp_path / name, body)
    with pytest.raises(RegisterError) as caught:
        load([path])
    assert str(caught.value) == f"{path}：{words}"


def test_a_named_pipe_as_the_register_does_not_wait(tmp_path):
    pytest.importorskip("django")
    os.mkfifo(tmp_path / "台账.xlsx")
    r = run("cases", "import", str(tmp_path / "台账.xlsx"), "--agency", AGENCY,
            "--data", str(tmp_path / "数据"), "--dry-run")  # the old code: TimeoutExpired
    assert r.returncode == 1 and "没有导入任何申请" in r.stderr and "Traceback" not in r.stderr


class Endless(io.RawIOBase):
    """Standard input that never ends (`render - < /dev/zero`); past 200 MB it stops
    the test instead of the machine."""

    given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.given > 200 * 1024 * 1024:
            raise AssertionError("standard input read without a limit")
        buffer[:] = b"a" * len(buffer)
        self.given += len(buffer)
        return len(buffer)


def test_render_reads_standard_input_up_to_the_limit():
    result = CliRunner().invoke(cli, ["render", "-", "--to", "md"], input=Endless())
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().endswith("标准输入：输入太大，超过 50 MB 的上限")


def test_render_of_a_report_on_standard_input_still_works():
    text = (Path(__file__).resolve().parents[2] / "examples" / "qinghe-city-2024.txt").read_bytes()
    done = subprocess.run([sys.executable, "-c", "from zfxxgk.cli import main; main()",
                           "render", "-", "--to", "md", "--force"], input=text, capture_output=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("# ".encode()), done.stderr


def test_a_case_page_json_given_to_letter_says_to_use_the_number(tmp_path):
    """Before: 案件格式有误（ValueError("{'code': 'natural_person', …} is not a valid
    ApplicantType")）, Python's text for the JSON `cases show` prints."""
    page = {"number": "2026-0003", "agency": {"name": AGENCY}, "status": {"code": "open", "label": "办理中"},
            "applicant_type": {"code": "natural_person", "label": "自然人"}, "events": []}
    path = _write(tmp_path / "show.json", json.dumps(page, ensure_ascii=False))
    result = CliRunner().invoke(cli, ["cases", "letter", str(path), "--kind", "答复书",
                                      "-o", str(tmp_path / "答复书.docx")])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "这是案件页的 JSON（zfxxgk cases show --format json 的输出）" in result.output
    assert "zfxxgk cases letter 2026-0003 --data 数据" in result.output
    assert "ValueError" not in result.output and "ApplicantType" not in result.output
