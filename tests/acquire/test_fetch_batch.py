"""fetch -> batch: the reports of a fetched folder, each with its exact cells and the
URL it came from, in reports.jsonl, reports.parquet and cells.parquet; and a fetch
killed mid-way (a real SIGKILL at a known request) that is run again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb

from zfxxgk.acquire import Options, Policy, fetch
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch
from zfxxgk.standard import TABLE_CODES

SRC = Path(__file__).resolve().parents[2] / "src"


def cells(report: dict | object) -> dict[str, Decimal | None]:
    get = (lambda t: report[t]) if isinstance(report, dict) else (lambda t: getattr(report, t))
    return {f"{t}.{r}.{c}": None if v is None else Decimal(str(v))
            for t in TABLE_CODES for r, cols in get(t).items() for c, v in cols.items()}


def test_batch_over_a_fetched_folder_keeps_cells_and_urls(portals, documents, tmp_path):
    portal, _ = portals
    fetch([portal.base + "/ndbg/index.html"], tmp_path / "web", Policy(delay=0), Options())
    (tmp_path / "web" / "stray.txt").write_text("not in the journal", encoding="utf-8")
    summary = run_batch([str(tmp_path / "web")], tmp_path / "out", LocalEngine(1))
    assert summary.failed == 0 and summary.reports == 5
    expected_url = {
        "qinghe": "/ndbg/2023/t1.html", "yunling": "/ndbg/2022/t2.html",
        "ecology": "/ndbg/2021/t5.html",  # where the redirect led
        "wanghu2023": "/module/download.jsp?id=88",
        "transport": "/ndbg/2020/%BD%BB%CD%A8%D4%CB%CA%E4%BE%D62024%C4%EA%B1%A8.docx"}
    lines = [json.loads(line, parse_float=Decimal)
             for line in (tmp_path / "out" / "reports.jsonl").read_text("utf-8").splitlines()]
    got = {(r["agency"], r["year"]): r for r in lines}
    assert len(got) == 5
    for key, path in expected_url.items():
        want = documents[key][0]
        report = got[(want.agency, want.year)]
        assert report["source_url"] == portal.base + path, key
        assert cells(report) == cells(want), key
    con = duckdb.connect()
    parquet = str(tmp_path / "out" / "{}.parquet" / "*.parquet")
    urls = dict(con.execute(f"select agency, source_url from read_parquet('{parquet.format('reports')}')")
                .fetchall())
    assert urls == {r["agency"]: r["source_url"] for r in lines}
    missing = con.execute(f"select count(*) from read_parquet('{parquet.format('cells')}') "
                          "where source_url is null or not starts_with(source_url, 'http://')").fetchone()
    assert missing == (0,)


def test_a_killed_fetch_resumes_without_duplicates(portals, tmp_path):
    portal, _ = portals
    portal.hold_path = "/ndbg/2020/t4.html"  # the 8th page of the run
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-m", "zfxxgk", "fetch", portal.base + "/ndbg/index.html",
                             "--out", str(tmp_path), "--delay", "0", "--no-progress"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert portal.reached.wait(120), "the fetch never reached the held page"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        portal.release.set()
        if proc.poll() is None:
            proc.kill()
    before = [json.loads(x) for x in (tmp_path / "fetched.jsonl").read_text("utf-8").splitlines()]
    assert 5 <= len(before) < 14 and not any(e["url"].endswith("t4.html") for e in before)
    mark = len(portal.log)
    result = subprocess.run([sys.executable, "-m", "zfxxgk", "fetch", portal.base + "/ndbg/index.html",
                             "--out", str(tmp_path), "--delay", "0"], env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "上次中断前已完成" in result.stdout
    after = [json.loads(x) for x in (tmp_path / "fetched.jsonl").read_text("utf-8").splitlines()]
    assert after[:len(before)] == before
    assert len({e["url"] for e in after}) == len(after) == 14
    again = {p for p, _ in portal.log[mark:]}
    assert not again & {e["url"].removeprefix(portal.base) for e in before if e["kind"] != "list"}
