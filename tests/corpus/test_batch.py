"""Batch runs: every good input becomes one report, a bad one one error line, and
a run killed at any point resumes without duplicates or losses."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import orjson
import pytest

from corpus_gen import report_text, write_corpus
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch
from zfxxgk.corpus.store import MANIFEST, Store
from zfxxgk.ingest.walk import walk

ZFXXGK = Path(sys.executable).parent / "zfxxgk"


def jsonl(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def sql(query: str) -> list[tuple]:
    return duckdb.connect().execute(query).fetchall()


def test_2000_good_inputs_and_a_corrupted_one(corpus_2000, tmp_path):
    out = tmp_path / "out"
    summary = run_batch([str(corpus_2000)], out, LocalEngine(2), chunk_size=64)
    assert (summary.reports, summary.failed) == (2000, 1)
    cells = f"'{out}/cells.parquet/*.parquet'"
    assert sql(f"select count(distinct sha256) from {cells}") == [(2000,)]
    # no cell twice, and each report has every cell of its tables
    assert sql(f"select count(*) from (select sha256, \"table\", row, \"column\" from {cells} "
               "group by all having count(*) > 1)") == [(0,)]
    errors = jsonl(out / "errors.jsonl")
    assert len(errors) == 1 and errors[0]["source"].endswith("corrupted.txt")
    assert errors[0]["sha256"] and "PNG" in errors[0]["error"]
    reports = jsonl(out / "reports.jsonl")
    assert len(reports) == 2000 == len({r["sha256"] for r in reports})
    assert all(r["schema"] == "zfxxgk.report/1" and r["source"] for r in reports)
    # findings.parquet: the generated reports are consistent, so no identity error
    findings = f"'{out}/findings.parquet/*.parquet'"
    assert sql(f"select count(*) from {findings} where rule like 'T3-%' and severity = 'error'") == [(0,)]
    # a second run finds everything done
    again = run_batch([str(corpus_2000)], out, LocalEngine(1))
    assert (again.processed, again.already_done, again.total_reports) == (0, 2001, 2000)


def test_a_run_killed_half_way_resumes_without_duplicates_or_losses(tmp_path):
    write_corpus(tmp_path / "in", 240)
    out = tmp_path / "out"
    cmd = [str(ZFXXGK), "batch", str(tmp_path / "in"), "--out", str(out), "--jobs", "2",
           "--chunk-size", "4", "--no-progress"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        manifest = out / MANIFEST
        if manifest.exists() and manifest.read_bytes().count(b"\n") >= 15:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, mid-chunk
    proc.wait()
    committed = (out / MANIFEST).read_bytes().count(b"\n")
    assert 0 < committed < 60, "the run should have been killed half-way"

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert "此前已完成" in rerun.stdout
    reports = jsonl(out / "reports.jsonl")
    assert len(reports) == 240 == len({r["sha256"] for r in reports})
    cells = f"'{out}/cells.parquet/*.parquet'"
    assert sql(f"select count(distinct sha256), count(*) from {cells}")[0][0] == 240
    assert sql(f"select count(*) from (select sha256, \"table\", row, \"column\" from {cells} "
               "group by all having count(*) > 1)") == [(0,)]
    assert not list(out.rglob("*.tmp"))


def test_resume_undoes_what_a_kill_left_half_written(tmp_path):
    """Kill points between the steps of a commit: stray part, extra JSONL bytes,
    a torn manifest line. Reopening cuts all of it back to the last commit."""
    write_corpus(tmp_path / "in", 6)
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], out, LocalEngine(1), chunk_size=3)
    before = {name: (out / name).read_bytes() for name in ("reports.jsonl", "errors.jsonl")}
    stray = out / "cells.parquet" / "part-dead-000009.parquet"
    stray.write_bytes(b"PAR1 half")
    (out / "findings.parquet" / "part-dead-000009.parquet.tmp").write_bytes(b"x")
    with open(out / "reports.jsonl", "ab") as f:
        f.write(b'{"schema": "zfxxgk.report/1", "agency": "half')
    with open(out / MANIFEST, "ab") as f:
        f.write(b'{"part": "part-dead-000009", "sha256": ["ab')
    with Store(out) as store:
        assert len(store.done) == 6
    assert not stray.exists() and not list(out.rglob("*.tmp"))
    assert {n: (out / n).read_bytes() for n in before} == before
    assert (out / MANIFEST).read_bytes().endswith(b"\n")


def test_same_content_twice_and_unreadable_entries(tmp_path):
    src = tmp_path / "in"
    write_corpus(src, 3)
    shutil.copy(src / "00000-2023.txt", src / "copy.txt")
    (src / "sub").mkdir()
    (src / "sub" / "empty.txt").write_bytes(b"")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # pictures are read (scans): a damaged one
    out = tmp_path / "out"
    summary = run_batch([str(src), str(tmp_path / "missing.txt")], out, LocalEngine(1))
    assert (summary.reports, summary.same_content, summary.failed) == (3, 1, 3)
    errors = {Path(e["source"]).name: e for e in jsonl(out / "errors.jsonl")}
    assert set(errors) == {"empty.txt", "missing.txt", "photo.jpg"}
    assert "JPEG" in errors["photo.jpg"]["error"]
    assert errors["missing.txt"]["sha256"] is None and "找不到" in errors["missing.txt"]["error"]
    # a missing file is tried again on resume but not recorded twice
    run_batch([str(src), str(tmp_path / "missing.txt")], out, LocalEngine(1))
    assert len(jsonl(out / "errors.jsonl")) == 3


class GbkInfo(zipfile.ZipInfo):
    """A member named as Chinese Windows tools write names: GBK, no UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _zip(members: dict[str, bytes], gbk_names: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr((GbkInfo if gbk_names else zipfile.ZipInfo)(name), data)
    return buf.getvalue()


def test_zip_archives_nested_and_with_gbk_names(tmp_path):
    inner = _zip({"内层/报告3.txt": report_text(3).encode("gb18030")})
    outer = _zip({"年报/报告1.txt": report_text(1).encode(), "年报/报告2.txt": report_text(2).encode(),
                  "说明.jpg": b"\xff\xd8", "inner.zip": inner}, gbk_names=True)
    (tmp_path / "年报.zip").write_bytes(outer)
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    items = list(walk([str(tmp_path)]))
    names = {i.source.replace(str(tmp_path) + os.sep, ""): i for i in items}
    assert set(names) == {"broken.zip", "年报.zip!/inner.zip!/内层/报告3.txt",
                          "年报.zip!/年报/报告1.txt", "年报.zip!/年报/报告2.txt"}
    assert "压缩包" in names["broken.zip"].error
    out = tmp_path / "out"
    summary = run_batch([str(tmp_path / "年报.zip"), str(tmp_path / "broken.zip")], out, LocalEngine(1))
    assert (summary.reports, summary.failed) == (3, 1)
    agencies = {r["agency"] for r in jsonl(out / "reports.jsonl")}
    assert agencies == {"青禾市云岭区第1街道办事处", "青禾市云岭区第2街道办事处", "青禾市云岭区第3街道办事处"}


def test_outputs_do_not_depend_on_the_number_of_workers(small_corpus, tmp_path):
    two, one = tmp_path / "two", tmp_path / "one"
    run_batch([str(small_corpus)], two, LocalEngine(2), chunk_size=7)
    run_batch([str(small_corpus)], one, LocalEngine(1), chunk_size=50)
    query = "select count(*), count(distinct sha256), round(sum(value), 6) from '{}/cells.parquet/*.parquet'"
    assert sql(query.format(two)) == sql(query.format(one))
    assert sql(query.format(two))[0][1] == 120
    assert sorted((two / "reports.jsonl").read_bytes().splitlines()) == \
        sorted((one / "reports.jsonl").read_bytes().splitlines())


def test_an_output_folder_that_is_a_file_is_one_chinese_line(tmp_path):
    from click.testing import CliRunner

    from zfxxgk.cli import cli

    src = tmp_path / "in"
    write_corpus(src, 1)
    taken = tmp_path / "结果"
    taken.write_text("上次的文件", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(src), "--out", str(taken), "--jobs", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1] == f"错误：无法写入 {taken}：已有同名的文件，不是文件夹"
    assert taken.read_text(encoding="utf-8") == "上次的文件"
