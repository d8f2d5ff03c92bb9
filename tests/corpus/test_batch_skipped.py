"""Files a batch passes over by their content (a `.bin` of noise, a `.jpg` that is
no picture, an empty `.dat`, the same inside a zip) were named nowhere: a
researcher could not tell a file left out from a file never seen. They are named
with the reason in the run's summary, in errors.jsonl (kind Skipped) and counted
in `zfxxgk stats`; they are no failures (exit 0), and a resumed run does not
record them twice. Hidden files and Office lock files stay unnamed."""

from __future__ import annotations

import io
import os
import zipfile

import orjson
from click.testing import CliRunner

from corpus_gen import report_text
from zfxxgk.cli import cli
from zfxxgk.corpus import stats
from zfxxgk.ingest.walk import walk

NOISE = bytes(range(1, 256)) * 12  # no NUL, no magic bytes: the text loader would try it


def _folder(root):
    src = root / "in"
    src.mkdir()
    (src / "a-2023.txt").write_text(report_text(1, 2023), encoding="utf-8")
    (src / "noise.bin").write_bytes(NOISE)
    (src / "photo.jpg").write_bytes(NOISE[:500])
    (src / "empty.dat").write_bytes(b"")
    (src / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (src / "~$年报.docx").write_bytes(b"lock")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("b-2023.txt", report_text(2, 2023))
        z.writestr("说明.log", "这个压缩包里是 2023 年度的报告")
        z.writestr("__MACOSX/._b-2023.txt", b"\x00\x05\x16\x07")
    (src / "年报.zip").write_bytes(buf.getvalue())
    return src


SKIPPED = {"noise.bin", "photo.jpg", "empty.dat", "年报.zip!/说明.log"}


def test_the_walk_names_what_it_passes_over_when_asked(tmp_path):
    src = _folder(tmp_path)
    items = list(walk([str(src)], skipped=True))
    named = {os.path.relpath(i.source, src): i.skipped for i in items if i.skipped}
    assert set(named) == SKIPPED
    assert "扩展名 .bin" in named["noise.bin"] and "按内容判断不是报告" in named["noise.bin"]
    assert "文件为空" in named["empty.dat"]
    assert [i for i in walk([str(src)]) if i.skipped] == []  # `check DIR` reads as before


def test_batch_names_them_in_its_summary_errors_and_stats(tmp_path):
    src, out = _folder(tmp_path), tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(src), "--out", str(out), "-j", "1", "--no-progress"])
    assert result.exit_code == 0, result.output  # nothing failed
    assert "按内容判断不是报告、未读取 4 个" in result.stdout
    listed = result.stdout.split("未读取的文件（")[1]
    for name in ("noise.bin", "photo.jpg", "empty.dat", "年报.zip!/说明.log"):
        assert f"{src / name}：" in listed
    assert ".DS_Store" not in result.stdout and "~$" not in result.stdout
    records = [orjson.loads(x) for x in (out / "errors.jsonl").read_bytes().splitlines()]
    assert {os.path.relpath(r["source"], src) for r in records} == SKIPPED
    assert {r["kind"] for r in records} == {"Skipped"} and all(r["error"] for r in records)
    overview = {r["key"]: r["value"] for r in stats.compute(out)["overview"]}
    assert (overview["failed"], overview["skipped"], overview["reports"]) == (0, 4, 2)
    again = CliRunner().invoke(cli, ["batch", str(src), "--out", str(out), "--no-progress"])
    assert again.exit_code == 0 and "未读取的文件 4 个" in again.stdout
    assert len((out / "errors.jsonl").read_bytes().splitlines()) == 4  # not recorded twice
