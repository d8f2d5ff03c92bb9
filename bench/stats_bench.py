"""How fast `zfxxgk stats` and the indicators answer over a national-size run.

Parsing 100,000 reports would take the bench an hour, and stats never parses: it
reads the Parquet outputs. So the bench writes a run folder of that size directly
(in the layout and schemas of zfxxgk batch: reports, cells and findings parts), with
bodies in provinces/cities/districts, three years, 5 % duplicate copies and a few
region summaries, then times:

* `stats.compute` (every section of `zfxxgk stats`),
* the indicators grouped by agency, region and year (`zfxxgk stats --by …`),
* `mark_counted` on a run already marked (what every later batch run pays).

Target: stats over 100,000 reports' outputs in < 5 s. A benchmark, not a test.
Run: `.venv/bin/python bench/stats_bench.py [-n 100000]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from zfxxgk.corpus import stats  # noqa: E402
from zfxxgk.corpus.counted import mark_counted  # noqa: E402
from zfxxgk.corpus.dedupe import connect  # noqa: E402
from zfxxgk.corpus.indicators_sql import grouped, install  # noqa: E402
from zfxxgk.corpus.worker import TABLES  # noqa: E402
from zfxxgk.standard import get_template  # noqa: E402

TARGET_SECONDS = 5.0
PARTS = 64


def _cell_codes() -> list[tuple[str, str, str]]:
    template = get_template("2021")
    return [(t.code, r.code, c.code) for t in template.tables for r in t.rows for c in t.row_columns(r)]


def write_run(out: Path, n: int) -> None:
    """A run folder of `n` report files with the batch's schemas, written by DuckDB."""
    con = duckdb.connect()
    codes = _cell_codes()
    con.execute("create table codes (tbl varchar, rw varchar, col varchar)")
    con.executemany("insert into codes values (?, ?, ?)", codes)
    dup = max(1, n // 20)
    con.execute(f"""
        create table reps as
        select i, 'sha' || i::varchar as sha256,
               case when i < {n - dup} then i else i - {n - dup} end as body_i,
               2022 + ((case when i < {n - dup} then i else i - {n - dup} end) % 3) as year,
               case when i % 997 = 0 then 'region' else 'agency' end as scope
        from range({n}) t(i)""")
    for part in range(PARTS):
        where = f"i % {PARTS} = {part}"
        meta = ("'in/' || sha256 || '.txt' as source, sha256, '省' || (body_i % 31) || '市' || (body_i % 300) "
                "|| '区第' || body_i || '机关' as agency, agency as agency_key, scope, year::int as year")
        con.execute(f"""copy (select {meta}, 'text' as format, '省' || (body_i % 31) || '市' || (body_i % 300) || '区'
                                 as region, '2021' as template, null::varchar as published_on,
                                 {len(codes)}::int as cells, ({len(codes)} - (i % 3))::int as filled,
                                 (i % 7 = 0)::int as errors, (i % 5 = 0)::int as warnings,
                                 null::varchar as source_url
                          from reps where {where})
                    to '{out}/reports.parquet/part-{part:04d}.parquet' (format parquet)""")
        con.execute(f"""copy (select {meta}, '2021' as template, c.tbl as "table", c.rw as "row",
                                 c.col as "column",
                                 case when (i + hash(c.rw || c.col)) % 50 = 0 then null
                                      else ((i * 7 + hash(c.rw || c.col)) % 40)::double end as value,
                                 null::varchar as text, null::varchar as source_url,
                                 c.rw as row_label, c.col as column_label
                          from reps, codes c where {where})
                    to '{out}/cells.parquet/part-{part:04d}.parquet' (format parquet)""")
        con.execute(f"""copy (select {meta}, 'T3-1' as rule, 'error' as severity, '……' as message,
                                 ['applications.total.total'] as cells, 1 as line, null::int as page,
                                 null::varchar as excerpt, null::varchar as suggestion, null::varchar as section
                          from reps where {where} and i % 7 = 0)
                    to '{out}/findings.parquet/part-{part:04d}.parquet' (format parquet)""")
    (out / "errors.jsonl").write_text("", encoding="utf-8")


def timed(label: str, func) -> float:
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    size = len(result) if hasattr(result, "__len__") else result
    print(f"  {label:<34} {seconds:6.2f} s   ({size})")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=100_000, help="report files in the run")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="zfxxgk-stats-bench-"))
    try:
        out = folder / "out"
        for table in TABLES:
            (out / f"{table}.parquet").mkdir(parents=True)
        start = time.perf_counter()
        write_run(out, args.n)
        print(f"{args.n} reports written as Parquet in {time.perf_counter() - start:.1f} s; "
              f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores")
        timed("mark_counted (first marking)", lambda: mark_counted(out))
        again = timed("mark_counted (already marked)", lambda: mark_counted(out))
        total = timed("stats.compute (all sections)", lambda: stats.compute(out))
        for by in ("agency", "region", "year"):
            def run(by=by):
                con = connect(out)
                install(con)
                return grouped(con, by, evidence=False)
            total += timed(f"indicators --by {by}", run)
        print(f"stats and indicators: {total:.2f} s for {args.n} reports; target < {TARGET_SECONDS:.0f} s: "
              f"{'met' if total < TARGET_SECONDS else 'NOT met'} (ratio {total / TARGET_SECONDS:.2f}); "
              f"re-marking a marked run {again:.2f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
