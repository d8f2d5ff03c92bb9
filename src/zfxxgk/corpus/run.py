"""A batch run: walk the inputs, hand chunks to an engine's workers, commit each
chunk's results to the output folder as it comes back.

The main process only reads files, hashes them and appends what the workers
return; parsing, checking and Parquet encoding happen in the workers (worker.py).
At most `2 × workers` chunks are in flight, so memory stays bounded whatever the
size of the corpus. Inputs whose SHA-256 is already committed (an earlier,
interrupted run; the same file twice) are not processed again. Once every chunk
is in, the reports that wanted last year's report and found it in no chunk of
their own are read again with it (settle.py), then the cross-year findings of the
whole folder are written (crossyear.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .counted import mark_counted
from .crossyear import write_cross_year
from .engines import Engine, LocalEngine
from .settle import settle_pending
from .store import Store
from ..ingest.walk import Item, count, walk
from .worker import SKIPPED, error_record

CHUNK_ITEMS = 32
CHUNK_BYTES = 32 * 1024 * 1024


@dataclass
class Summary:
    """What a run did, for the closing message and for tests."""

    inputs: int = 0  # inputs seen by this run's walk
    processed: int = 0  # inputs parsed (or failed) by this run
    reports: int = 0
    failed: int = 0
    skipped: int = 0  # passed over by their content (not reports), named in errors.jsonl
    already_done: int = 0  # committed by an earlier run
    same_content: int = 0  # same bytes as another input of this run
    seconds: float = 0.0
    total_reports: int = 0  # in the folder after the run
    total_errors: int = 0
    total_skipped: int = 0
    cross_year: int = 0  # findings against the same body's report of the year before
    settled: int = 0  # reports read again with last year's report once all chunks were in
    errors: list[dict[str, Any]] = field(default_factory=list)  # first few, to show
    skipped_files: list[dict[str, Any]] = field(default_factory=list)  # first few, to show

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0


@dataclass
class Chunk:
    part: str
    items: list[tuple[str, str, bytes, str | None]]
    walk_errors: list[dict[str, Any]]

    @property
    def hashes(self) -> list[str]:
        return [item[1] for item in self.items]


def chunks(items: Iterable[Item], store: Store, summary: Summary, size: int = CHUNK_ITEMS,
           max_bytes: int = CHUNK_BYTES) -> Iterator[Chunk]:
    """Group the walk's items into chunks of at most `size` inputs and about
    `max_bytes` bytes, leaving out what is already done or already queued."""
    queued: set[str] = set()
    batch: list[tuple[str, str, bytes, str | None]] = []
    errors: list[dict[str, Any]] = []
    nbytes = 0
    for item in items:
        summary.inputs += 1
        if item.skipped is not None:
            errors.append(error_record(item.source, None, item.skipped, SKIPPED))
        elif item.data is None:
            errors.append(error_record(item.source, None, item.error or "无法读取", "InputError"))
        else:
            sha = item.sha256
            if sha in store.done:
                summary.already_done += 1
                continue
            if sha in queued:
                summary.same_content += 1
                continue
            queued.add(sha)
            batch.append((item.source, sha, item.data, item.source_url))
            nbytes += len(item.data)
        if len(batch) + len(errors) >= size or nbytes >= max_bytes:
            yield Chunk(store.new_part(), batch, errors)
            batch, errors, nbytes = [], [], 0
    if batch or errors:
        yield Chunk(store.new_part(), batch, errors)


def run_batch(inputs: list[str] | tuple[str, ...], out: str | Path, engine: Engine | None = None,
              chunk_size: int = CHUNK_ITEMS, provenance: bool = False,
              progress: Callable[[Summary], None] | None = None,
              total_hint: Callable[[int], None] | None = None) -> Summary:
    """Process every input under `inputs` into the folder `out`; see store.py for
    its layout. `progress(summary)` is called after each chunk; `total_hint(n)`
    once, with the number of files the walk will visit."""
    engine = engine or LocalEngine()
    engine.provenance = provenance
    summary = Summary()
    start = time.perf_counter()
    if total_hint is not None:
        total_hint(count(inputs))
    with Store(out) as store, engine:
        pending: dict[Any, Chunk] = {}
        limit = max(2, 2 * engine.workers)
        for chunk in chunks(walk(inputs, skipped=True), store, summary, size=chunk_size):
            pending[engine.submit(chunk.items)] = chunk
            while len(pending) >= limit:
                _collect(engine, pending, store, summary, progress)
        while pending:
            _collect(engine, pending, store, summary, progress)
        summary.total_reports = store.previous_reports + summary.reports
        summary.total_errors = store.previous_errors + summary.failed
        summary.total_skipped = store.previous_skipped + store.skipped
    # the store is closed: the pass below may put new files in place of its own
    summary.settled = settle_pending(out, inputs, provenance)
    summary.cross_year = write_cross_year(out)
    mark_counted(out)
    summary.seconds = time.perf_counter() - start
    return summary


def _collect(engine: Engine, pending: dict[Any, Chunk], store: Store, summary: Summary,
             progress: Callable[[Summary], None] | None) -> None:
    for handle in engine.wait_any(list(pending)):
        chunk = pending.pop(handle)
        result = engine.result(handle, chunk.items)
        result["errors"] = chunk.walk_errors + result["errors"]
        store.commit(chunk.part, chunk.hashes, result)
        failed = [e for e in result["errors"] if e["kind"] != SKIPPED]
        skipped = [e for e in result["errors"] if e["kind"] == SKIPPED]
        summary.processed += len(chunk.items) + len(chunk.walk_errors) - len(skipped)
        summary.reports += len(result["reports"])
        summary.failed += len(failed)
        summary.skipped += len(skipped)
        for shown, new in ((summary.errors, failed), (summary.skipped_files, skipped)):
            shown.extend(new[: max(0, 20 - len(shown))])
        if progress is not None:
            progress(summary)
