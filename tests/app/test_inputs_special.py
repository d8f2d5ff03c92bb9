"""Inputs that are not plain files: a named pipe (FIFO) in a report folder, a FIFO
named on the command line with nobody writing, a symbolic link loop. Each ends in
one Chinese line for that input, never a run that waits for ever, and the folder's
reports are still read."""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from zfxxgk.api import parse_path
from zfxxgk.cli import cli
from zfxxgk.errors import EmptyInput, InputError
from zfxxgk.ingest.text import read_path
from zfxxgk.ingest.walk import walk

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
