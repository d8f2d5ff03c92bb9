"""Mark, in the batch outputs themselves, the one copy of each report that counts.

dedupe.py chooses one report per (body, year, scope). A researcher who opens
`cells.parquet` with pandas or DuckDB should not have to rebuild that choice: after
every run the parts of `cells.parquet` and `reports.parquet` carry a boolean column
`counted`, true exactly for the rows of the chosen copies, so `sum(value) where
counted` is the de-duplicated total.

The choice depends on every report of the folder, so it is made after the run over
all parts, and a part is rewritten (to a temporary file, then renamed) only when its
flags change. A run killed while marking leaves some parts marked and some not; the
next run marks them all again. Parts written before the marking have no column; the
views read the parts with `union_by_name`.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..files import write_atomic
from .dedupe import connect
from .store import part_dir
from .worker import table_bytes

MARKED_TABLES = ("reports", "cells")


def mark_counted(out: str | Path) -> int:
    """Write the `counted` column into every part whose flags changed; returns the
    number of parts rewritten."""
    try:
        # the SHA-256 of the reports statistics count (dedupe's `reports` view)
        kept = {sha for (sha,) in connect(out).execute("select sha256 from reports").fetchall()}
    except Exception:  # noqa: BLE001 - no reports yet (every input failed): nothing to mark
        if not any(part_dir(Path(out), "reports").glob("*.parquet")):
            return 0
        raise
    rewritten = 0
    for table in MARKED_TABLES:
        for part in sorted(part_dir(Path(out), table).glob("*.parquet")):
            rewritten += _mark_part(part, kept)
    return rewritten


def _mark_part(part: Path, kept: set[str]) -> int:
    """Rewrite one part with fresh flags, reading only two columns when it is
    already marked right (the usual case on a resumed or repeated run)."""
    marked = "counted" in pq.read_schema(part).names
    columns = ["sha256", "counted"] if marked else ["sha256"]
    current = pq.read_table(part, columns=columns)
    flags = pa.array([sha in kept for sha in current.column("sha256").to_pylist()], pa.bool_())
    if marked and current.column("counted").combine_chunks().equals(flags):
        return 0
    data = pq.read_table(part)
    if marked:
        data = data.drop_columns(["counted"])
    write_atomic(part, table_bytes(data.append_column("counted", flags)), durable=True)
    return 1
