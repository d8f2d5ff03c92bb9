"""Inputs that are not plain files: a named pipe (FIFO) in a report folder, a FIFO
named on the command line with nobody writing, a symbolic link loop. Each ends in
one Chinese line for that input, never a run that waits for ever, and the folder's
reports are still read."""

from __future__ import annotations

import io
import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from zfxxgk.api import parse_path
from zfxxgk.cli import cli
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch
from zfxxgk.corpus.worker import serialise
from zfxxgk.errors import EmptyInput, InputError
from zfxxgk.ingest.text import read_path
from zfxxgk.ingest.walk import walk
from zfxxgk.parse import parse_text

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "examples" / "wanghu-street-2023.txt"


class Hang(Exception):
    """Not an OSError (TimeoutError is one): the readers catch those."""


@contextmanager
def at_most(seconds: int):
    """Fail instead of hanging: the bug these tests guard against was a wait for ever."""
    def stop(*_):
        raise Hang(f"still waiting after {seconds} s")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A report beside two named pipes (one with a report's name, one with none)."""
    (tmp_path / "a.txt").write_bytes(REPORT.read_bytes())
    os.mkfifo(tmp_path / "b.txt")
    os.mkfifo(tmp_path / "c")
    return tmp_path


def test_a_folder_walk_names_its_pipes_and_reads_the_rest(folder):
    with at_most(20):
        items = {Path(i.source).name: i for i in walk([str(folder)])}
    assert items["a.txt"].data == REPORT.read_bytes()
    for name in ("b.txt", "c"):
        assert items[name].data is None
        assert items[name].error == "不是普通文件（命名管道、套接字或设备），未读取"


def test_check_of_a_folder_with_a_pipe_ends_with_status_2(folder):
    with at_most(60):
        result = CliRunner().invoke(cli, ["check", "--format", "jsonl", str(folder)])
    assert result.exit_code == 2
    assert "wanghu" not in result.stderr and len(result.stdout.splitlines()) == 1
    assert f"{folder / 'b.txt'}：不是普通文件" in result.stderr


def test_a_named_pipe_nobody_writes_reads_as_empty(tmp_path):
    os.mkfifo(tmp_path / "p.txt")
    with at_most(10):
        assert read_path(tmp_path / "p.txt") == b""
        with pytest.raises(EmptyInput):
            parse_path(tmp_path / "p.txt")


def test_a_link_loop_is_named_in_chinese(tmp_path):
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    with pytest.raises(InputError, match="无法读取文件（符号链接循环）"):
        read_path(tmp_path / "a")


def test_a_gbk_file_name_is_shown_in_chinese_on_every_face(tmp_path):
    """A name in GBK bytes (a Chinese Windows folder copied to Linux) reaches Python
    with lone surrogates: the JSON, HTML and XLSX writers failed on it, and a batch
    lost every input of its chunk."""
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/" + "洪泽区年报".encode("gbk") + b".txt"
    with open(raw, "wb") as f:
        f.write(REPORT.read_bytes())
    shown = str(folder / "洪泽区年报.txt")
    assert [i.source for i in walk([str(folder)])] == [shown]
    assert parse_path(os.fsdecode(raw)).source == shown
    for fmt in ("json", "html", "xlsx"):
        out = tmp_path / f"out.{fmt}"
        result = CliRunner().invoke(cli, ["check", "--format", fmt, "-o", str(out), os.fsdecode(raw)])
        assert result.exit_code in (0, 1), result.output  # 1: the report's own errors
        assert isinstance(result.exception, (SystemExit, type(None))), result.exception
    assert shown in (tmp_path / "out.json").read_text("utf-8")
    run_batch([str(folder)], tmp_path / "batch", LocalEngine(1))
    assert shown in (tmp_path / "batch" / "reports.jsonl").read_text("utf-8")


def test_a_report_that_cannot_be_written_is_its_own_error_not_its_chunks():
    good = parse_text(REPORT.read_text("utf-8"), source="good.txt")
    bad = parse_text(REPORT.read_text("utf-8"), source="bad.txt")
    bad.agency = "某\ud800局"  # no UTF-8 file can hold it
    entries = [(("bad.txt", "b" * 64, b""), bad, "text", None),
               (("good.txt", "a" * 64, b""), good, "text", None)]
    out = serialise(entries, provenance=False)
    assert out["stored"] == ["a" * 64] and len(out["reports"]) == 1
    assert [e["source"] for e in out["errors"]] == ["bad.txt"]
    cells = pq.read_table(io.BytesIO(out["parquet"]["cells"]))
    assert set(cells.column("source").to_pylist()) == {"good.txt"}


def test_a_text_longer_than_any_report_is_refused_before_it_is_parsed():
    """48 MB of lines took the parser 107 s and 2.3 GB (text is parsed in this
    process, outside the sandbox's limits); now it is refused in about a second."""
    from zfxxgk.api import ensure_report, parse_bytes
    from zfxxgk.errors import TooLarge
    from zfxxgk.ingest import Document
    from zfxxgk.ingest.text import MAX_CHARS

    body = REPORT.read_text("utf-8")
    lines = "政府信息公开申请 12 34 56 78\n" * (MAX_CHARS // 20)
    started = time.monotonic()
    with pytest.raises(TooLarge, match="文字太多（约 .* 万字），超过 200 万字的上限"):
        parse_bytes((body + lines).encode("utf-8"), source="big.txt")
    assert time.monotonic() - started < 20
    with pytest.raises(TooLarge):  # a PDF or page that loads to as much text
        ensure_report(Document.from_text(body + lines, source="big.pdf"))
    assert parse_bytes(body.encode("utf-8")).agency  # a report stays well inside


@pytest.mark.parametrize("body, error", [(b"", "文件为空"), (b"PK\x03\x04" + bytes(200), "无法打开压缩包（数据已损坏）"),
                                         (bytes(range(256)), "无法打开压缩包（数据已损坏）")])
def test_a_zip_that_does_not_open_is_named_in_chinese(tmp_path, body, error):
    """zipfile's own words were shown ("无法打开压缩包（File is not a zip file）")."""
    (tmp_path / "a.zip").write_bytes(body)
    (items,) = [list(walk([str(tmp_path / "a.zip")]))]
    assert [(Path(i.source).name, i.error) for i in items] == [("a.zip", error)]
