"""One report per body, year and scope, over a batch run's output (DuckDB views).

The same report is often collected twice — the portal's HTML page and the PDF
attachment, last year's download and this year's. Counting both would double the
body's applications, so statistics and summaries read the view `reports`, which
keeps one report per (`agency_key`, year, `scope`) by this stated preference:

1. the most complete parse: most cells with a value;
2. then the fewest error-level findings;
3. then the format that gives tables most exactly: HTML, Word, Excel; then text
   and report JSON; then the fixed layouts, PDF and OFD; then anything else;
4. then the source name, so the choice never depends on run order.

`scope` is part of the key: a government's own report and its area's summary
(`region`) are different reports and both are kept, but statistics never add them
(stats.py keeps the two apart). A report without a body or a year is kept as is.
`dropped` lists every report left out, beside the one kept in its place.
"""

from __future__ import annotations

import re

from pathlib import Path
from typing import Any

import duckdb

from ..errors import ZfxxgkError
from ..parse.placement import place
from ..standard.vocabulary import LEVEL_NAMES
from .store import part_dir

FORMAT_RANKS = {"html": 0, "docx": 0, "xlsx": 0, "text": 1, "pdf": 2, "ofd": 2}  # anything else: 3
# What choose reads of a report row (the columns of reports.parquet, the web's rows).
CHOICE_FIELDS = ("sha256", "agency_key", "agency", "year", "scope", "filled", "errors", "format",
                 "source")


def preference(filled: int | None, errors: int | None, fmt: str | None, source: str | None) -> tuple:
    """The stated preference above as a sort key (smallest first)."""
    return (-(filled or 0), errors or 0, FORMAT_RANKS.get(fmt or "", 3), source or "")


def body(r: dict) -> str | None:
    """The body a report counts for: its agency key (or name) when it has a year;
    else its own SHA-256 (kept as is)."""
    name = r.get("agency_key") or r.get("agency")
    return name if name and r.get("year") is not None else r.get("sha256")


def choose_with_dropped(rows: list[dict]) -> tuple[list[dict], list[tuple[dict, dict]]]:
    """(the rows kept, one per (body, year, scope), by `preference`; each row left out
    with the row kept in its place). The one choice of every face: `zfxxgk stats`,
    aggregate, the `counted` marks and the web dashboard."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        groups.setdefault((body(r) or id(r), r.get("year"), r.get("scope")), []).append(r)
    kept, dropped = [], []
    for group in groups.values():
        group.sort(key=lambda r: preference(r.get("filled"), r.get("errors"), r.get("format"),
                                            r.get("source")))
        kept.append(group[0])
        dropped.extend((r, group[0]) for r in group[1:])
    return kept, dropped


def choose(rows: list[dict]) -> list[dict]:
    """The rows kept, one per (body, year, scope) (choose_with_dropped)."""
    return choose_with_dropped(rows)[0]


def parts(out: str | Path, table: str) -> str:
    """The glob of a table's Parquet parts, checked to exist."""
    folder = part_dir(Path(out), table)
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        raise ZfxxgkError(f"{out} 中没有批量处理的结果（{folder.name}），请先运行 zfxxgk batch")
    return str(folder / "*.parquet").replace("'", "''")


def connect(out: str | Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with views over the run in `out`: `reports_all`,
    `cells_all`, `findings_all` (everything), `reports` (one per body, year and
    scope), `cells` and `findings` (of the kept reports only), and `dropped`."""
    con = duckdb.connect()
    try:
        for table in ("reports", "cells", "findings"):
            con.execute(f"create view {table}_all as select * from "
                        f"read_parquet('{parts(out, table)}', union_by_name = true)")
            con.execute(f"select count(*) from {table}_all").fetchall()  # every part's footer
    except duckdb.Error as e:
        raise ZfxxgkError(_damaged(out, e)) from None
    _register_choice(con)
    if _cells_marked(con):  # counted.py marked every part with this same choice
        con.execute("create view cells as select * from cells_all where counted")
    else:
        con.execute("create view cells as select c.* from cells_all c semi join reports r "
                    "on c.sha256 = r.sha256")
    con.execute("create view findings as select f.* from findings_all f semi join reports r "
                "on f.sha256 = r.sha256")
    return con


def _damaged(out: str | Path, e: Exception) -> str:
    """A part that is no Parquet file (cut short by a copy, overwritten by hand) as one
    Chinese line naming it; stats, sql, aggregate and batch printed DuckDB's traceback."""
    found = re.search(r"[Ff]ile '([^']+)'", str(e))
    what = f"{found.group(1)} 不是完整的 Parquet 文件" if found else \
        f"DuckDB 无法读取（{str(e).strip().splitlines()[0]}）"
    return f"批量结果 {out} 已损坏：{what}；请换一个 --out 文件夹重新运行 zfxxgk batch"


def _register_choice(con: duckdb.DuckDBPyConnection) -> None:
    """`reports` (the kept rows, with their `body`) and `dropped`, chosen by
    `choose_with_dropped` over the run's report rows (a few columns each)."""
    import pyarrow as pa

    cur = con.execute(f"select {', '.join(CHOICE_FIELDS)} from reports_all")
    rows = [dict(zip(CHOICE_FIELDS, row)) for row in cur.fetchall()]
    kept, dropped = choose_with_dropped(rows)
    con.register("kept_choice", pa.table({"sha256": pa.array([r["sha256"] for r in kept], pa.string()),
                                          "body": pa.array([body(r) for r in kept], pa.string())}))
    _register_levels(con)
    names = " ".join(f"when '{code}' then '{name}'" for code, name in LEVEL_NAMES.items())
    con.execute("create view reports as select r.*, k.body, nullif(agency_level(r.agency), '') as level, "
                f"case agency_level(r.agency) {names} end as level_name "
                "from reports_all r join kept_choice k using (sha256)")
    left = {f: pa.array([d[f] for d, _ in dropped], pa.string() if f not in ("year", "filled", "errors")
                        else pa.int64()) for f in CHOICE_FIELDS}
    left["kept_source"] = pa.array([k["source"] for _, k in dropped], pa.string())
    left["kept_sha256"] = pa.array([k["sha256"] for _, k in dropped], pa.string())
    con.register("dropped_choice", pa.table(left))
    con.execute("create view dropped as select agency_key, agency, year, scope, source, sha256, "
                "format, filled, errors, kept_source, kept_sha256 from dropped_choice")


def _register_levels(con: duckdb.DuckDBPyConnection) -> None:
    """`agency_level(agency)`: the level the name proves (province, city, county,
    township, department; null when it proves none), so a researcher splits a
    province's figures by level without guessing from names. A function, not a
    column computed for every report: DuckDB calls it only when a query reads
    `level`, and once per name (the cache), not on every stats run."""
    from functools import lru_cache

    @lru_cache(maxsize=65536)
    def agency_level(name: str) -> str:  # '' for none: DuckDB's plain UDFs return no NULL
        return place(name).level or ""

    con.create_function("agency_level", agency_level, ["VARCHAR"], "VARCHAR", side_effects=False)


def _cells_marked(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every cell part carries `counted` (a run finished its marking), so the
    de-duplicated cells are a filter instead of a join with the ranking: the join is
    what stats over a national run spent most of its time on."""
    names = {row[0] for row in con.execute("describe cells_all").fetchall()}
    if "counted" not in names:
        return False
    return con.execute("select count(*) from cells_all where counted is null").fetchone()[0] == 0


def fetch_rows(con: duckdb.DuckDBPyConnection, query: str, params: list | dict | None = None
               ) -> list[dict[str, Any]]:
    """The result of `query` as one dict per row, keyed by column name."""
    cur = con.execute(query, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def dropped(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The duplicates left out, with the report kept instead of each."""
    return fetch_rows(con, "select * from dropped order by agency_key, year, scope, source")
