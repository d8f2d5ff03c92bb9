"""The one atomic writer: a regular target is replaced whole, a special one (a FIFO,
as /dev/null or /dev/stdout would be) is written in place and stays what it was."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from zfxxgk.files import AtomicText, write_atomic


def _read_fifo(path, into: list) -> threading.Thread:
    def reader():
        with open(path, "rb") as f:
            into.append(f.read())
    t = threading.Thread(target=reader, daemon=True)
    t.start()
    return t


@pytest.mark.parametrize("how", ["write_atomic", "AtomicText"])
def test_a_special_target_is_written_in_place_not_replaced(tmp_path, how):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    if how == "write_atomic":
        write_atomic(fifo, "报告\n")
    else:
        with AtomicText(fifo) as out:
            out.write("报告\n")
            out.commit()
    reader.join(timeout=10)
    assert got == ["报告\n".encode("utf-8")]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary file left


def test_a_regular_target_is_replaced_whole_and_kept_on_failure(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with AtomicText(target) as out:
            out.write("half")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and len(list(tmp_path.iterdir())) == 1


def test_bytes_after_text_keep_their_order_with_one_flush_per_switch(tmp_path, monkeypatch):
    """JSON Lines are written as bytes: the text layer is flushed only when text was
    written since the last bytes (a flush per report was a system call per report)."""
    target = tmp_path / "out.jsonl"
    with AtomicText(target) as out:
        flushes = []
        real = out._file.flush
        monkeypatch.setattr(out._file, "flush", lambda: flushes.append(1) or real())
        out.write("[")
        out.write_bytes(b"1\n")
        out.write_bytes(b"2\n")
        out.write_bytes(b"3\n")
        out.write("]\n")
        out.write_bytes(b"4\n")
        out.commit()
    assert target.read_bytes() == b"[1\n2\n3\n]\n4\n"
    assert len(flushes) == 3  # the two switches from text to bytes, and closing


@pytest.mark.parametrize("target, reason", [("missing/out.json", "所在文件夹不存在"),
                                            (".", "这是一个文件夹，请给出文件名")])
def test_a_target_that_cannot_be_written_is_one_chinese_refusal(tmp_path, target, reason):
    from zfxxgk.errors import OutputError

    with pytest.raises(OutputError, match=f"无法写入 .*：{reason}"):
        write_atomic(tmp_path / target, "{}")
    assert [p.name for p in tmp_path.iterdir()] == []


def test_a_failed_rename_leaves_no_temporary_file(tmp_path, monkeypatch):
    from zfxxgk import files
    from zfxxgk.errors import OutputError

    def full_disk(*_args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(files.os, "replace", full_disk)
    with pytest.raises(OutputError, match="磁盘已满"):
        write_atomic(tmp_path / "out.json", "{}")
    assert [p.name for p in tmp_path.iterdir()] == []


FULL = "/dev/full"  # every write fails with ENOSPC


@pytest.mark.skipif(not os.path.exists(FULL), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["rules"], ["schema"], ["parse", "REPORT"],
                                  ["parse", "REPORT", "--format", "csv"],
                                  ["parse", "REPORT", "-o", FULL], ["render", "REPORT", "--force", "--to", "md", "-o", FULL]])
def test_a_full_disk_is_one_chinese_line_on_every_output(args, tmp_path):
    """Standard output on a full disk (`> /dev/full`) and `-o /dev/full` (a device,
    written in place): every command printed a traceback."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    report = str(root / "examples" / "wanghu-street-2023.txt")
    args = [report if a == "REPORT" else a for a in args]
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    with open(FULL, "w") as full:
        done = subprocess.run([sys.executable, "-c", "from zfxxgk.cli import main; main()", *args],
                              stdout=full, stderr=subprocess.PIPE, env=env, timeout=120)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1, err
    target = f" {FULL}" if FULL in args else "标准输出"
    assert err.endswith(f"\n错误：无法写入{target}：磁盘已满\n") or err == f"错误：无法写入{target}：磁盘已满\n"
    assert "Traceback" not in err and "Exception ignored" not in err
