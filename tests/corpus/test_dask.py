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


def test_the_local_cluster_serves_nothing_on_the_dashboards_port_or_off_loopback():
    """Its scheduler's HTTP server takes a free loopback port: 8787 (the dashboard's)
    may be another cluster's, and a batch must not listen on every interface."""
    import socket
    import warnings

    from zfxxgk.corpus.dask_engine import DaskEngine

    taken = socket.socket()
    taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        taken.bind(("127.0.0.1", 8787))
        taken.listen()
    except OSError:
        pass  # someone else holds it already: the same situation
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", UserWarning)
            engine = DaskEngine(workers=1)
        try:
            server = engine._cluster.scheduler.http_server
            assert server.address == "127.0.0.1" and server.port != 8787
        finally:
            engine.close()
    finally:
        taken.close()
