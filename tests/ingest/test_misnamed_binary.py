"""A damaged download named 报告.pdf was refused as "文件含有二进制内容（NUL 字节），
不是文本文件": true of the bytes, but it sent the reviewer looking for a text file.
The refusal now says the name promises a PDF that the content is not."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from zfxxgk import api
from zfxxgk.cli import cli
from zfxxgk.errors import InputError

DAMAGED = bytes(range(256)) * 8 + b"\x00" * 64  # no format's mark, NUL bytes in it


@pytest.mark.parametrize("name,kind", [("附件1.pdf", "PDF"), ("报告.DOCX", "Word"), ("表.xls", "Excel")])
def test_a_damaged_file_is_told_by_its_name(name, kind):
    with pytest.raises(InputError) as e:
        api.parse_bytes(DAMAGED, source=name)
    suffix = os.path.splitext(name)[1].lower()
    assert f"文件扩展名是 {suffix}，但内容不是{kind}文件：可能已损坏、下载不完整" in str(e.value)
    assert "NUL" not in str(e.value)


def test_other_names_keep_the_text_loaders_words():
    with pytest.raises(InputError) as e:
        api.parse_bytes(DAMAGED, source="数据.bin")
    assert "NUL 字节" in str(e.value)


def test_check_names_the_damaged_pdf_and_goes_on(tmp_path):
    (tmp_path / "坏.pdf").write_bytes(DAMAGED)
    (tmp_path / "好.txt").write_text("青禾市2025年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(tmp_path / "坏.pdf"), str(tmp_path / "好.txt")])
    assert r.exit_code == 2
    assert "坏.pdf：文件扩展名是 .pdf，但内容不是PDF文件" in r.stderr
    assert "好.txt" in r.output
