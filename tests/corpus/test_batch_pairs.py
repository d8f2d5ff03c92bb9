"""`zfxxgk batch` feeds last year's report to the parser whatever the chunking:
this year's 上年结转 row `110000011` is 1|10|0|0|0|0|11 or 11|0|0|0|0|0|11 under its
own total, and only last year's 结转下年度 (1|10|…) settles it. When the two years
fall in different chunks, or in different runs, the batch still gives the cells
`zfxxgk check FOLDER` gives, and replaces the rows it had committed without losing
or doubling any."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import orjson
import pytest
from click.testing import CliRunner

from zfxxgk.app import read_inputs, settle_with_previous
from zfxxgk.cli import cli
from zfxxgk.corpus import store as store_module
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch
from zfxxgk.corpus.store import MANIFEST, REPORTS, SETTLING, Store

AGENCY = "某某区人民政府"
HEAD = ("{agency}{year}年政府信息公开工作年度报告\n"
        "三、收到和处理政府信息公开申请情况\n"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
        "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n")
THIS_YEAR = HEAD.format(agency=AGENCY, year=2023) + "二、上年结转政府信息公开申请数量110000011\n"
LAST_YEAR = HEAD.format(agency=AGENCY, year=2022) + "四、结转下年度继续办理\t1\t10\t0\t0\t0\t0\t11\n"
CARRIED = "applications.carried_in"
SETTLED = [1, 10, 0, 0, 0, 0, 11]
OPEN = [None] * 7  # a blank may have gone with the separators: not even 总计 11 is sure


def _folder(tmp_path, years=(2022, 2023)):
    folder = tmp_path / "报告"
    folder.mkdir(exist_ok=True)
    texts = {2022: LAST_YEAR, 2023: THIS_YEAR}
    for year in years:
        (folder / f"{year}.txt").write_text(texts[year], encoding="utf-8")
    return folder


def _reports(out) -> dict[int, dict]:
    lines = (out / REPORTS).read_bytes().splitlines()
    assert len(lines) == len({orjson.loads(line)["sha256"] for line in lines})
    return {r["year"]: r for r in map(orjson.loads, lines)}


def _carried(out) -> list:
    return list(_reports(out)[2023]["applications"]["carried_in"].values())


def _cells(out) -> dict[str, float | None]:
    rows = duckdb.connect().execute(
        f"select row, \"column\", value from '{out}/cells.parquet/*.parquet' "
        "where year = 2023 and \"table\" = 'applications'").fetchall()
    assert len(rows) == len({(r, c) for r, c, _ in rows}), "a cell stored twice"
    return {f"applications.{r}.{c}": v for r, c, v in rows}


def _check_folder(folder) -> dict:
    """What `zfxxgk check FOLDER` reads: the folder's reports, settled by their pairs."""
    inputs = settle_with_previous(list(read_inputs([str(folder)])))
    return next(i.report for i in inputs if i.report.year == 2023)


def _findings(out) -> set[tuple]:
    rows = duckdb.connect().execute(
        f"select rule, cells from '{out}/findings.parquet/*.parquet' where year = 2023").fetchall()
    return {(rule, tuple(cells)) for rule, cells in rows}


def _check_folder_findings(folder) -> set[tuple]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(folder)])
    docs = json.loads(result.stdout)
    return {(f["rule"], tuple(f.get("cells", ()))) for d in docs if d["report"]["year"] == 2023
            for f in d["findings"]}


def _assert_like_check_folder(out, folder) -> None:
    expected = _check_folder(folder)
    report = _reports(out)[2023]
    for table in ("active", "applications", "review_litigation"):
        assert report[table] == {row: dict(cells) for row, cells in getattr(expected, table).items()}
    cells = _cells(out)
    assert [cells[f"{CARRIED}.{c}"] for c in expected.applications["carried_in"]] == SETTLED
    assert _findings(out) == _check_folder_findings(folder)
    manifest = [orjson.loads(line) for line in (out / MANIFEST).read_bytes().splitlines()]
    assert not any(e.get("pending") for e in manifest)
    assert manifest[-1]["reports_size"] == (out / REPORTS).stat().st_size
    assert not (out / SETTLING).exists()


def test_pair_split_across_chunks_gives_the_cells_of_check_folder(tmp_path):
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    summary = run_batch([str(folder)], out, LocalEngine(1), chunk_size=1, provenance=True)
    assert len((out / MANIFEST).read_bytes().splitlines()) == 2  # one chunk per year
    assert (summary.reports, summary.settled) == (2, 1)
    assert _carried(out) == SETTLED
    provenance = _reports(out)[2023]["provenance"]
    assert provenance[f"{CARRIED}.natural_person"]["decided_by"] == "上年报告"
    _assert_like_check_folder(out, folder)


def test_without_the_same_bodys_last_year_the_tie_stays_and_stays_pending(tmp_path):
    folder = _folder(tmp_path, years=(2023,))
    (folder / "2022.txt").write_text(LAST_YEAR.replace(AGENCY, "某某县人民政府"), encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([str(folder)], out, LocalEngine(1), chunk_size=1)
    assert summary.settled == 0 and _carried(out) == OPEN
    with Store(out) as store:
        assert store.pending == {_reports(out)[2023]["sha256"]}


def test_a_later_run_settles_a_report_committed_without_its_pair(tmp_path):
    """The resumed (or extended) run brings last year's report: the report committed
    by the first run is read again and its rows replaced, none doubled."""
    folder = _folder(tmp_path, years=(2023,))
    out = tmp_path / "out"
    run_batch([str(folder)], out, LocalEngine(1), chunk_size=1)
    assert _carried(out) == OPEN
    _folder(tmp_path, years=(2022,))
    summary = run_batch([str(folder)], out, LocalEngine(1), chunk_size=1)
    assert (summary.processed, summary.already_done, summary.settled) == (1, 1, 1)
    assert summary.total_reports == 2
    _assert_like_check_folder(out, folder)
    again = run_batch([str(folder)], out, LocalEngine(1))  # nothing left to do
    assert (again.processed, again.settled) == (0, 0)
    _assert_like_check_folder(out, folder)


def test_a_pending_report_whose_input_is_not_given_again_stays_pending(tmp_path):
    """The later run names only last year's file: this year's bytes are not there to
    read again, so its rows stay as they are, still pending for a run that has both."""
    folder = _folder(tmp_path, years=(2023,))
    out = tmp_path / "out"
    run_batch([str(folder)], out, LocalEngine(1))
    other = tmp_path / "上年"
    other.mkdir()
    (other / "2022.txt").write_text(LAST_YEAR, encoding="utf-8")
    summary = run_batch([str(other)], out, LocalEngine(1))
    assert summary.settled == 0 and _carried(out) == OPEN
    summary = run_batch([str(folder), str(other)], out, LocalEngine(1))
    assert (summary.processed, summary.settled) == (0, 1)
    assert _carried(out) == SETTLED


@pytest.mark.parametrize("renamed", [0, 1, 3])
def test_a_kill_while_replacing_rows_is_finished_on_resume(tmp_path, monkeypatch, renamed):
    """Killed after `renamed` of the staged files were put in place: opening the
    folder puts the others in place (0: killed before READY; the stage is dropped
    and the next run reads the report again)."""
    folder = _folder(tmp_path, years=(2023,))
    out = tmp_path / "out"
    run_batch([str(folder)], out, LocalEngine(1))
    _folder(tmp_path, years=(2022,))
    real_replace, real_write = store_module.os.replace, store_module.write_atomic
    calls = []

    def replace(src, dst):
        staged = Path(src).parent.name == SETTLING and Path(src).name.isdigit()
        if staged and len(calls) == renamed:
            raise KeyboardInterrupt("killed")
        calls.extend([dst] if staged else [])
        real_replace(src, dst)

    def write(path, data, durable=False):
        if renamed == 0 and path.name == store_module.READY:
            raise KeyboardInterrupt("killed")
        real_write(path, data, durable)

    monkeypatch.setattr(store_module.os, "replace", replace)
    monkeypatch.setattr(store_module, "write_atomic", write)
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(folder)], out, LocalEngine(1))
    monkeypatch.undo()
    assert (out / SETTLING).exists()
    summary = run_batch([str(folder)], out, LocalEngine(1))
    assert summary.settled == (1 if renamed == 0 else 0)
    _assert_like_check_folder(out, folder)


def test_dask_engine_settles_a_pair_split_across_chunks(tmp_path):
    pytest.importorskip("distributed")
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(folder), "--out", str(out), "--engine", "dask",
                                      "--jobs", "1", "--chunk-size", "1", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "另有 1 份报告连写的“上年结转”数字用同一机关上一年度的报告重新拆分" in result.output
    _assert_like_check_folder(out, folder)
