"""One report per body, year and scope, over a batch run's output (DuckDB views).

The same report is often collected twice — the portal's HTML page and the PDF
attachment, last year's download and this year's. Counting both would double the
body's applications, so statistics and summaries read the view `reports`, which
keeps one report per (`agency_key`, year, `scope`) by this stated preference:

1. the most complete parse: most cells with a value;
2. then the fewest error-level findings;
3. then the format that gives tables most exactly: HTML, Word, Excel; then text
   and report JSON; then PDF; then anything else;
4. then the source name, so the choice never depends on run order.

`scope` is part of the key: a government's own report and its area's summary
(`region`) are different reports and both are kept, but statistics never add them
(stats.py keeps the two apart). A report without a body or a year is kept as is.
`dropped` lists every report left out, beside the one kept in its place.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..errors import ZfxxgkError
from .store import part_dir

PREFERENCE = ("更完整（有数值的单元格多）", "错误级问题少", "格式：网页、Word、Excel 优先于文本，文本优先于 PDF",
              "来源名称")

FORMAT_RANKS = {"html": 0, "docx": 0, "xlsx": 0, "text": 1, "pdf": 2}  # anything else: 3
_FORMAT_RANK = ("case format " + " ".join(f"when '{k}' then {v}" for k, v in FORMAT_RANKS.items())
                + " else 3 end")


def preference(filled: int | None, errors: int | None, fmt: str | None, source: str | None) -> tuple:
    """The stated preference above as a sort key (smallest first), for callers
    that choose in Python over rows they already hold (the web dashboard)."""
    return (-(filled or 0), errors or 0, FORMAT_RANKS.get(fmt or "", 3), source or "")


def choose(rows: list[dict]) -> list[dict]:
    """The rows kept, one per (body, year, scope), by `preference`; each row has
    agency_key, agency, year, scope, filled, errors, format, source, sha256. A row
    without a body or a year is kept as is, as in the `reports` view."""
    best: dict[tuple, dict] = {}
    for r in rows:
        body = r.get("agency_key") or r.get("agency")
        key = (body, r.get("year"), r.get("scope")) if body and r.get("year") is not None \
            else (r.get("sha256") or id(r), None, r.get("scope"))
        rank = preference(r.get("filled"), r.get("errors"), r.get("format"), r.get("source"))
        if key not in best or rank < preference(best[key].get("filled"), best[key].get("errors"),
                                                best[key].get("format"), best[key].get("source")):
            best[key] = r
    return list(best.values())


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
    for table in ("reports", "cells", "findings"):
        con.execute(f"create view {table}_all as select * from "
                    f"read_parquet('{parts(out, table)}', union_by_name = true)")
    con.execute(f"""
        create view ranked as
        select *,
            case when coalesce(agency_key, agency) is null or year is null then sha256
                 else coalesce(agency_key, agency) end as body,
            row_number() over (
                partition by case when coalesce(agency_key, agency) is null or year is null
                                  then sha256 else coalesce(agency_key, agency) end,
                             year, scope
                order by filled desc, errors asc, {_FORMAT_RANK} asc, source asc) as rank
        from reports_all""")
    con.execute("create view reports as select * exclude (rank) from ranked where rank = 1")
    con.execute("""
        create view dropped as
        select d.agency_key, d.agency, d.year, d.scope, d.source, d.sha256, d.format,
               d.filled, d.errors, k.source as kept_source, k.sha256 as kept_sha256
        from ranked d join ranked k
          on d.body = k.body and d.year is not distinct from k.year and d.scope = k.scope
         and k.rank = 1
        where d.rank > 1""")
    if _cells_marked(con):  # counted.py marked every part with this same choice
        con.execute("create view cells as select * from cells_all where counted")
    else:
        con.execute("create view cells as select c.* from cells_all c semi join reports r "
                    "on c.sha256 = r.sha256")
    con.execute("create view findings as select f.* from findings_all f semi join reports r "
                "on f.sha256 = r.sha256")
    return con


def _cells_marked(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every cell part carries `counted` (a run finished its marking), so the
    de-duplicated cells are a filter instead of a join with the ranking: the join is
    what stats over a national run spent most of its time on."""
    names = {row[0] for row in con.execute("describe cells_all").fetchall()}
    if "counted" not in names:
        return False
    return con.execute("select count(*) from cells_all where counted is null").fetchone()[0] == 0


def dropped(out: str | Path) -> list[dict]:
    """The duplicates left out, with the report kept instead of each."""
    con = connect(out)
    cur = con.execute("select * from dropped order by agency_key, year, scope, source")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]
