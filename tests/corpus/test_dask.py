"""`--engine dask` on a LocalCluster gives the same outputs as the local pool."""

from __future__ import annotations

import duckdb
import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch

pytest.importorskip("distributed")


def test_dask_local_cluster_gives_the_same_outputs(small_corpus, tmp_path):
    (tmp_path / "bad-for-dask.txt").write_bytes(b"")
    inputs = [str(small_corpus), str(tmp_path / "bad-for-dask.txt")]
    local, dask = tmp_path / "local", tmp_path / "dask"
    run_batch(inputs, local, LocalEngine(1))
    result = CliRunner().invoke(cli, ["batch", *inputs, "--out", str(dask), "--engine", "dask",
                                      "--jobs", "2", "--no-progress"])
    assert result.exit_code == 2, result.output  # the empty file: one failure
    assert "成功 120 份，失败 1 份" in result.output
    for name in ("reports.jsonl", "errors.jsonl"):
        assert sorted((dask / name).read_bytes().splitlines()) == \
            sorted((local / name).read_bytes().splitlines())
    con = duckdb.connect()
    for table in ("cells", "findings", "reports"):
        query = f"select * from '{{}}/{table}.parquet/*.parquet' order by all"
        assert con.execute(query.format(dask)).fetchall() == con.execute(query.format(local)).fetchall()


def test_scheduler_needs_the_dask_engine(tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--out", str(tmp_path / "o"),
                                      "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--engine dask" in result.output
