"""The batch run on a Dask cluster (`zfxxgk batch --engine dask`, extra `zfxxgk[dask]`).

The same chunks and the same worker function as the local pool: a Dask worker
receives a chunk's bytes and returns JSON lines and Parquet bytes, and the
client commits them to the output folder exactly as a local run does. So the
workers need neither the inputs' disk nor the output's, the outputs are the same
as a local run's, and an interrupted run resumes the same way. Without a
scheduler address a LocalCluster is started (as the tests do).
"""

from __future__ import annotations

from typing import Any

from .engines import Engine
from .worker import ChunkItem, error_record, process_chunk


def _require_distributed():
    try:
        import distributed
    except ImportError:
        from ..errors import ZfxxgkError

        raise ZfxxgkError("使用 --engine dask 需要安装 Dask：pip install 'zfxxgk[dask]'") from None
    return distributed


class DaskEngine(Engine):
    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        distributed = _require_distributed()
        self._cluster = None
        if scheduler:
            self._client = distributed.Client(scheduler)
        else:
            # no dashboard; the scheduler's own HTTP server (health routes) on a
            # free loopback port, so that a second cluster never fights for 8787
            self._cluster = distributed.LocalCluster(
                n_workers=workers or 2, threads_per_worker=1, processes=True,
                scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
            self._client = distributed.Client(self._cluster)
        info = self._client.scheduler_info()
        threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
        self.workers = max(1, threads)

    def submit(self, items: list[ChunkItem]) -> Any:
        return self._client.submit(process_chunk, items, self.provenance, pure=False)

    def wait_any(self, handles: list[Any]) -> list[Any]:
        import distributed

        done, _ = distributed.wait(handles, return_when="FIRST_COMPLETED")
        return [h for h in handles if h in done]

    def result(self, handle: Any, items: list[ChunkItem]) -> dict[str, Any]:
        try:
            return handle.result()
        except Exception as e:  # noqa: BLE001 - a lost worker must not stop the run
            out = process_chunk([])
            out["errors"] = [error_record(src, sha, f"集群处理失败：{type(e).__name__}: {e}",
                                          "DaskError") for src, sha, *_ in items]
            return out

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
