"""Where chunks are processed: the local process pool, behind the small interface
run.py needs (submit, wait for any, result), which the Dask engine implements too.

The pool uses the spawn start method on every platform: forking a process that
holds open files, threads (the sandbox's reader, rich's refresher) and a big heap
is what makes pools hang or bloat; spawned workers start clean and import only
what they use. A worker that dies (killed for memory, a crash in a C library)
breaks the pool: the chunk is retried one input at a time in a fresh pool, and an
input that kills its worker again is recorded as an error, never retried forever.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .worker import ChunkItem, error_record, process_chunk, table_bytes

CRASH_MESSAGE = "处理这个文件时工作进程意外退出（可能是内存不足或文件触发了程序缺陷），已跳过"


def _warm_up() -> None:
    """Import the parser and checker once per worker, not on its first chunk."""
    from .. import check, parse  # noqa: F401


class Engine:
    """The interface run.py uses. `workers` bounds how many chunks are in flight."""

    workers = 1
    provenance = False

    def submit(self, items: list[ChunkItem]) -> Any:
        raise NotImplementedError

    def wait_any(self, handles: list[Any]) -> list[Any]:
        raise NotImplementedError

    def result(self, handle: Any, items: list[ChunkItem]) -> dict[str, Any]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalEngine(Engine):
    def __init__(self, workers: int | None = None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_up)
        return self._pool

    def submit(self, items: list[ChunkItem]) -> Future:
        try:
            return self._executor().submit(process_chunk, items, self.provenance)
        except BrokenProcessPool:  # broken by another chunk: the next pool takes this one
            self._restart()
            return self._executor().submit(process_chunk, items, self.provenance)

    def wait_any(self, handles: list[Future]) -> list[Future]:
        done, _ = wait(handles, return_when=FIRST_COMPLETED)
        return [h for h in handles if h in done]

    def result(self, handle: Future, items: list[ChunkItem]) -> dict[str, Any]:
        try:
            return handle.result()
        except BrokenProcessPool:
            self._restart()
            return self._one_by_one(items)

    def _one_by_one(self, items: list[ChunkItem]) -> dict[str, Any]:
        """The chunk again, each input alone, so that only the culprit is lost."""
        parts = []
        for item in items:
            try:
                part = self._executor().submit(process_chunk, [item], self.provenance).result()
            except BrokenProcessPool:
                self._restart()
                part = process_chunk([])
                part["errors"] = [error_record(item[0], item[1], CRASH_MESSAGE, "WorkerCrash")]
            parts.append(part)
        return _merge(parts)

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Chunk results as one: their lists joined, their Parquet tables concatenated."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    merged = {key: [x for p in parts for x in p[key]] for key in ("reports", "errors", "pending")}
    tables = [p["parquet"] for p in parts] or [process_chunk([])["parquet"]]
    merged["parquet"] = {name: table_bytes(pa.concat_tables([pq.read_table(io.BytesIO(t[name]))
                                                              for t in tables]))
                         for name in tables[0]}
    return merged
