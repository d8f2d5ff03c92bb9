"""The indicators of indicators.py as DuckDB views over a batch run's cells.

`install(con)` adds, on a connection made by dedupe.connect:

* `indicator_terms` — one row per report: every term an indicator uses, with the same
  group rule as `indicators.term_value` (the row itself, else its sub-rows when all
  are filled, else null);
* `indicators` — one row per counted report, indicator and basis: the parts and the
  rate (`null` when a term is blank or the denominator is 0);
* `growth` — 申请增长率 per body and year against the same body's year before.

`grouped(con, by, choices)` pools the rates of a group of bodies (see indicators.py).
"""

from __future__ import annotations

from typing import Any

from .dedupe import fetch_rows
from .indicators import ALL, GROWTH, INDICATORS, RECEIVED, Term, all_terms, bases_chosen, ratio

BY = {"agency": ("coalesce(agency_key, agency)", "any_value(agency)"),
      "region": ("region", "any_value(region)"),
      "year": ("year", "any_value(year)")}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sum(terms: tuple[Term, ...]) -> str:
    return " + ".join(f"t.{t.key}" for t in terms) if terms else "0"


def _nulls(terms: tuple[Term, ...]) -> str:
    return " or ".join(f"t.{t.key} is null" for t in terms)


def _install_terms(con: Any) -> None:
    """`indicator_terms`: one row per report, one column per term. The cells a term
    reads are picked by a join with a small map (its own row, or any `row.*` sub-row
    of its group), so the cells are scanned once whatever the number of terms."""
    terms = list(all_terms().values())
    con.execute("create or replace temp table term_map (key varchar, tbl varchar, rw varchar, col varchar)")
    con.executemany("insert into term_map values (?, ?, ?, ?)",
                    [(t.key, t.table, t.row, t.column) for t in terms])
    con.execute("""
        create or replace temp table term_values as
        with picked as (
            select c.sha256, m.key, true as own, c.value from cells c
            join term_map m on c."table" = m.tbl and c."row" = m.rw and c."column" = m.col
            union all
            select c.sha256, m.key, false as own, c.value from cells c
            join term_map m on c."table" = m.tbl and c."column" = m.col
             and contains(c."row", '.') and split_part(c."row", '.', 1) = m.rw)
        select sha256, key,
               case when count(value) filter (where own) > 0 then sum(value) filter (where own)
                    when count(*) filter (where not own) > 0
                     and count(*) filter (where not own and value is null) = 0
                    then sum(value) filter (where not own) end as v
        from picked group by sha256, key""")
    columns = ", ".join(f"max(v) filter (where key = {_quote(t.key)}) as {t.key}" for t in terms)
    con.execute("create or replace temp table indicator_terms as "
                f"select r.sha256, {columns} from reports r left join term_values v using (sha256) "
                "group by r.sha256")


def install(con: Any) -> None:
    """Create the tables `indicator_terms`, `indicators` and `growth` (temporary
    tables, not views: every indicator and basis reads them again)."""
    _install_terms(con)
    con.execute("create or replace temp table kept_reports as select * from reports")
    selects = []
    for ind in INDICATORS:
        for basis in ind.bases:
            den = _sum(basis.denominator) + (f" - ({_sum(basis.less)})" if basis.less else "")
            selects.append(f"""
                select r.sha256, r.source, r.agency, r.agency_key, r.region, r.scope, r.year,
                       r.level, r.level_name,
                       {_quote(ind.code)} as indicator, {_quote(ind.name)} as name,
                       {_quote(basis.code)} as basis, {_quote(basis.formula)} as formula,
                       case when {_nulls(basis.terms)} then null else {_sum(basis.numerator)} end
                           as numerator,
                       case when {_nulls(basis.terms)} then null else {den} end as denominator
                from kept_reports r join indicator_terms t using (sha256)""")
    con.execute("create or replace temp table indicators as select *, "
                "case when denominator is null or denominator = 0 then null "
                "else round(numerator / denominator, 6) end as value from ("
                + " union all ".join(selects) + ")")
    key = RECEIVED.key
    con.execute(f"""
        create or replace temp table growth as
        with per_year as (
            select coalesce(r.agency_key, r.agency) body, any_value(r.agency) agency,
                   any_value(r.region) region, any_value(r.level) level,
                   any_value(r.level_name) level_name, r.scope, r.year,
                   any_value(t.{key}) received, any_value(r.sha256) sha256
            from kept_reports r join indicator_terms t using (sha256)
            where r.year is not null and coalesce(r.agency_key, r.agency) is not null
            group by 1, r.scope, r.year)
        select a.body, a.agency, a.region, a.level, a.level_name, a.scope, a.year, a.sha256,
               b.sha256 prev_sha256,
               a.received, b.received as prev_received,
               {_quote(GROWTH.code)} as indicator, {_quote(GROWTH.name)} as name,
               case when a.received is null or b.received is null or b.received = 0 then null
                    else round((a.received - b.received) / b.received, 6) end as value
        from per_year a join per_year b
          on a.body = b.body and a.scope = b.scope and b.year = a.year - 1""")


# The reports behind a group's figure, for the HTML page's links (costly on a large run).
EVIDENCE = "list(sha256 order by sha256) filter (where value is not null)"


def grouped(con: Any, by: str, choices: dict[str, str] | None = None,
            evidence: bool = True) -> list[dict[str, Any]]:
    """Pooled indicators per group (`agency`, `region` or `year`), per year unless by
    year. Only each body's own reports count (scope `agency`), except by agency,
    where a region summary stands as its own line (its scope says so). By agency a
    row carries the agency's level (`level`, `level_name`: the sql view's own
    columns, dedupe.agency_level, so the two cannot disagree)."""
    if by not in BY:
        raise ValueError(by)
    key, label = BY[by]
    pairs = [(ind.code, basis.code) for ind, basis in bases_chosen(choices)]
    chosen = " or ".join(f"(indicator = {_quote(i)} and basis = {_quote(b)})" for i, b in pairs)
    cols = f"{key} as key, year, scope" if by != "year" else "year as key, year, scope"
    scope = "" if by == "agency" else "and scope = 'agency'"
    level = ("any_value(level) as level, any_value(level_name) as level_name" if by == "agency"
             else "null as level, null as level_name")
    rows = fetch_rows(con, f"""
        select {cols}, {label} as label, {level}, indicator, any_value(name) as name,
               any_value(basis) as basis, any_value(formula) as formula,
               sum(numerator) filter (where value is not null) as numerator,
               sum(denominator) filter (where value is not null) as denominator,
               count(*) filter (where value is not null) as reports,
               {EVIDENCE if evidence else "null"} as evidence
        from indicators where ({chosen}) {scope}
        group by all order by key, year, scope, indicator""")
    growth = fetch_rows(con, f"""
        select {cols.replace(key, 'body') if by == 'agency' else cols}, {label} as label, {level},
               sum(received) as received, sum(prev_received) as prev,
               count(*) as reports, {"list(sha256 order by sha256)" if evidence else "null"} as evidence
        from growth where value is not null {scope}
        group by all order by key, year, scope""")
    for r in rows:
        r["value"] = ratio(r["numerator"], r["denominator"])
    formula = GROWTH.bases[0].formula
    for g in growth:
        change = None if g["received"] is None or g["prev"] is None else g["received"] - g["prev"]
        rows.append({"key": g["key"], "year": g["year"], "scope": g["scope"], "label": g["label"],
                     "level": g["level"], "level_name": g["level_name"],
                     "indicator": GROWTH.code, "name": GROWTH.name,
                     "basis": GROWTH.bases[0].code, "formula": formula, "numerator": change,
                     "denominator": g["prev"], "reports": g["reports"],
                     "evidence": g["evidence"], "value": ratio(change, g["prev"])})
    order = {ind.code: i for i, ind in enumerate(ALL)}
    rows.sort(key=lambda r: (str(r["key"]), r["year"] or 0, r["scope"], order[r["indicator"]]))
    return rows
