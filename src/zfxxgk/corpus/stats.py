"""Statistics over a batch run (DuckDB over the Parquet parts), one report per
body, year and scope (dedupe.py).

Every section is a list of rows of one shape — year, scope, key, label, value,
share — so that the same data prints as a Chinese text table, a long CSV, JSON,
or the charts of the HTML page (charts.py) without a format of its own each.
Statistics never add a region's summary report (`scope` region) to its units'
reports: the application totals are kept apart by scope. Nor do they add an area
summary to the summary of an area that holds it (a district's inside its city's,
nesting.py), nor two summaries of one area and year (the government's and its
office's copy): the one left out is listed under `nested_regions` with why, and
when the two copies' figures differ, the cells that differ (数字不一致).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from ..files import csv_field
from ..model import dumps
from ..parse.agency import agency_key
from ..parse.placement import government_of_office
from ..standard.vocabulary import APPLICANT_NAMES, NOT_OUTCOMES, OUTCOME_NAMES, SCOPE_NAMES, TEMPLATE_NAMES
from ..standard import SECTIONS as SECTIONS_ZH
from .dedupe import connect, dropped, fetch_rows
from .nesting import area, regions_not_added
from .store import error_counts

FIELDS = ("section", "year", "scope", "key", "label", "value", "share", "note")

# section -> (Chinese title, columns shown in text output with their Chinese headers)
SECTIONS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "overview": ("总体情况", (("label", "项目"), ("value", "数量"))),
    "templates": ("各年度报告数（按表格格式）", (("year", "年度"), ("label", "表格格式"), ("value", "报告数"))),
    "rules": ("各规则发现问题的报告占比", (("key", "规则"), ("label", "说明"), ("value", "报告数"),
                                ("share", "占比"))),
    "outcomes": ("各年度依申请公开办理结果（件）", (("year", "年度"), ("scope", "范围"), ("label", "办理结果"),
                                     ("value", "件数"))),
    "applicants": ("各年度新收申请的申请人类型（件）", (("year", "年度"), ("scope", "范围"), ("label", "申请人"),
                                       ("value", "件数"))),
    "top_agencies": ("新收申请最多的机关（每个年度分列，最近的年度在前；本机关、区域汇总分别排名）",
                     (("year", "年度"), ("scope", "范围"), ("label", "机关"), ("value", "新收申请"),
                      ("share", "予以公开占办理结果总计"))),
    "missing_years": ("缺少年度报告的机关", (("label", "机关"), ("scope", "范围"), ("value", "缺少的年度"))),
    "duplicates": ("重复的报告（统计时未计入）", (("year", "年度"), ("label", "未计入"), ("value", "采用"))),
    "nested_regions": ("未重复相加的区域汇总报告（已含在上级区域汇总中，或与同一地区同年度的另一份汇总重复）",
                       (("year", "年度"), ("label", "未重复相加的区域汇总"), ("value", "已含在或采用"),
                        ("note", "原因"))),
    "reuse": ("各部分照搬上年文字的报告（X-4，占有上年报告可比的报告）",
              (("label", "部分"), ("value", "报告数"), ("share", "占比"))),
}


def compute(out: str | Path, top: int = 20) -> dict[str, list[dict[str, Any]]]:
    """All sections for the run in `out`."""
    con = connect(out)
    from ..check import rules_catalogue

    titles = {e["id"]: e.get("title", "") for e in rules_catalogue()}
    total = con.execute("select count(*) from reports").fetchone()[0]
    all_reports = con.execute("select count(*) from reports_all").fetchone()[0]
    errors, skipped = error_counts(Path(out))
    same, nested = regions_not_added(fetch_rows(
        con, "select sha256, agency, agency_key, year, scope, filled, errors, format, source "
             "from reports where scope = 'region'"))
    left_out = [r["sha256"] for r, _ in same + nested]
    data: dict[str, list[dict[str, Any]]] = {}
    data["overview"] = [
        {"key": "reports", "label": "统计的报告（每个机关每年度一份）", "value": total},
        {"key": "parsed", "label": "解析成功的文件", "value": all_reports},
        {"key": "duplicates", "label": "重复而未计入的报告", "value": all_reports - total},
        {"key": "failed", "label": "无法处理的文件", "value": errors},
        {"key": "skipped", "label": "未读取的文件（按内容判断不是报告）", "value": skipped},
        {"key": "agencies", "label": "机关", "value":
            con.execute("select count(distinct body) from reports").fetchone()[0]},
        {"key": "nested_regions", "label": "已含在上级区域汇总中、未重复相加的区域汇总报告", "value": len(nested)},
        {"key": "same_area", "label": "同一地区同年度重复、未重复相加的区域汇总报告", "value": len(same)},
    ]
    data["templates"] = [
        {"year": r["year"], "key": r["template"], "label": TEMPLATE_NAMES.get(r["template"], r["template"]),
         "value": r["n"]}
        for r in fetch_rows(con, "select year, template, count(*) n from reports group by all order by all")]
    data["rules"] = [
        {"key": r["rule"], "label": titles.get(r["rule"], ""), "value": r["n"],
         "share": round(r["n"] / total, 4) if total else None}
        for r in fetch_rows(con, "select rule, count(distinct sha256) n from findings group by rule "
                            "order by n desc, rule")]
    data["outcomes"], data["applicants"] = application_rows(con.execute("""
        select year, scope, "row", "column", sum(value) from cells
        where "table" = 'applications' and not list_contains($left, sha256) group by all""",
        {"left": left_out}).fetchall())
    data["top_agencies"] = _top_agencies(con, top, [r["sha256"] for r, _ in same])
    data["missing_years"] = _missing_years(fetch_rows(con, """
        select coalesce(agency_key, agency) body, any_value(agency) agency, scope,
               list(distinct year order by year) have
        from reports where year is not null and coalesce(agency_key, agency) is not null
        group by 1, 3 order by 1, 3"""))
    data["duplicates"] = [
        {"year": r["year"], "scope": r["scope"], "key": r["agency_key"], "label": r["source"],
         "value": r["kept_source"]}
        for r in dropped(con)]
    data["nested_regions"] = _not_added(con, same, nested)
    data["reuse"] = _reuse(con)
    return data


# Why a top agency's 予以公开 share is empty: the cells its report left blank.
_SHARE_GAPS = {(True, False): "不完整：予以公开空缺", (False, True): "不完整：办理结果总计空缺",
               (True, True): "不完整：予以公开、办理结果总计空缺"}


def _not_added(con, same: list[tuple[dict, dict]], nested: list[tuple[dict, dict]]) -> list[dict[str, Any]]:
    """The rows of `nested_regions`: each area summary left out of the totals, the
    summary counted for it, and why (note; reason `nested` or `same_area`)."""
    pairs = [(r, kept, "same_area", _same_area_note(con, r, kept)) for r, kept in same]
    pairs += [(r, holder, "nested", "已含在上级区域汇总中") for r, holder in nested]
    return [{"year": r["year"], "scope": "region", "key": r["agency_key"], "label": r["agency"] or r["agency_key"],
             "value": kept["agency"] or kept["agency_key"], "note": note, "reason": reason,
             "source": r["source"], "holder_source": kept["source"]}
            for r, kept, reason, note in sorted(pairs, key=lambda p: (p[0]["year"], p[0]["agency_key"] or ""))]


# At most this many differing cells are named in a note; the rest are counted.
_NAMED_CELLS = 5


def _same_area_note(con, left: dict[str, Any], kept: dict[str, Any]) -> str:
    """Why a copy of an area's summary was left out: the kept one is signed by the
    government (or preferred by dedupe) and the figures are the same, or the cells
    where both have a number and the numbers differ (a blank is a gap, not a
    disagreement), so a researcher sees which copy's figures were counted."""
    from ..check.labels import describe_cell

    rows = con.execute("""
        select a."table" || '.' || a."row" || '.' || a."column" code, a.value, b.value
        from cells_all a join cells_all b
          on a."table" = b."table" and a."row" = b."row" and a."column" = b."column"
        where a.sha256 = ? and b.sha256 = ? and a.value is not null and b.value is not null
          and a.value <> b.value
        order by code""", [left["sha256"], kept["sha256"]]).fetchall()
    signed = "政府署名" if government_of_office(kept["agency"] or kept["agency_key"]) is None else "按重复报告的取舍"
    if not rows:
        return f"同一地区同年度的另一份汇总，数字相同（采用{signed}的一份）"
    cells = "；".join(f"{describe_cell(code)} {_num(a)}（采用的一份为 {_num(b)}）" for code, a, b in rows[:_NAMED_CELLS])
    more = f"等 {len(rows)} 格" if len(rows) > _NAMED_CELLS else ""
    return f"同一地区同年度的另一份汇总，数字不一致（采用{signed}的一份）：{cells}{more}"


def _top_agencies(con, top: int, same_area: list[str]) -> list[dict[str, Any]]:
    """The `top` bodies with the most new requests in each year and scope, latest
    year first: a body's figures of different years are never added (a journalist
    asks who got most this year), nor a region's summary ranked among single
    bodies, nor an area ranked twice (`same_area`: the copies of an area's summary
    left out). Each with its 予以公开 share of its 办理结果总计, `null` with a `note`
    (不完整) when either cell is blank: a blank is never read as 0."""
    rows = fetch_rows(con, """
        with v as (
            select r.year, r.scope, coalesce(r.agency_key, r.agency) body, r.agency,
                   max(c.value) filter (where c."row" = 'received') received,
                   max(c.value) filter (where c."row" = 'granted') granted,
                   max(c.value) filter (where c."row" = 'total') results
            from reports r join cells c on c.sha256 = r.sha256
            where c."table" = 'applications' and c."column" = 'total'
              and c."row" in ('received', 'granted', 'total') and not list_contains($same, r.sha256)
            group by r.sha256, r.year, r.scope, r.agency_key, r.agency)
        select *, row_number() over (partition by year, scope order by received desc, body) rank
        from v where received is not null
        qualify rank <= $top
        order by year desc nulls last, scope, rank""", {"top": top, "same": same_area})
    return [{"year": r["year"], "scope": r["scope"], "key": r["body"], "label": r["agency"],
             "value": _num(r["received"]), **_granted_share(r["granted"], r["results"])} for r in rows]


def _granted_share(granted: Any, results: Any) -> dict[str, Any]:
    gap = _SHARE_GAPS.get((granted is None, results is None))
    if gap:
        return {"share": None, "note": gap}
    if not results:
        return {"share": None, "note": "办理结果总计为 0"}
    return {"share": round(granted / results, 4), "note": None}


def application_rows(sums: Iterable[tuple[Any, Any, str, str, Any]]
                     ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(outcomes, applicants) as section rows, from (year, scope, row, column, value)
    of table 三's cells of the counted reports: outcome groups from the total column
    of the result rows, applicant types from 本年新收. The one aggregation of
    `zfxxgk stats` (fed sums made in DuckDB) and the web dashboard (fed each
    report's cells): sums in any grouping give the same figures."""
    outcomes: Counter[tuple] = Counter()
    applicants: Counter[tuple] = Counter()
    for year, scope, row, column, value in sums:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        if column == "total" and row not in NOT_OUTCOMES:
            outcomes[year, scope, row.split(".")[0]] += value
        elif row == "received" and column != "total":
            applicants[year, scope, column] += value
    return (_section(outcomes, OUTCOME_NAMES), _section(applicants, APPLICANT_NAMES))


def _section(sums: Counter[tuple], names: dict[str, str]) -> list[dict[str, Any]]:
    order = {k: i for i, k in enumerate(names)}
    keys = sorted(sums, key=lambda k: (k[0] is None, k[0] or 0, k[1] or "", order.get(k[2], len(order)), k[2]))
    return [{"year": y, "scope": scope, "key": key, "label": names.get(key, key), "value": _num(sums[y, scope, key])}
            for y, scope, key in keys]


def _reuse(con) -> list[dict[str, Any]]:
    """Per part, the reports whose text repeats the same body's report of the year
    before (X-4), over the reports that have such a report in the run."""
    paired = con.execute("""
        select count(*) from reports r join reports p
          on coalesce(r.agency_key, r.agency) = coalesce(p.agency_key, p.agency)
         and r.scope = p.scope and p.year = r.year - 1""").fetchone()[0]
    has_section = any(row[0] == "section" for row in con.execute("describe findings").fetchall())
    if not paired or not has_section:
        return []
    counts = dict(con.execute("select section, count(distinct sha256) from findings "
                              "where rule = 'X-4' group by section").fetchall())
    return [{"key": key, "label": heading, "value": counts.get(key, 0),
             "share": round(counts.get(key, 0) / paired, 4)} for key, heading in SECTIONS_ZH.items()]


def _by_area(bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`bodies` with each area summary under the area it covers (nesting.area): a
    summary its government's office signed (淮安市人民政府办公室, scope region) is the
    government's area's, so a year it alone covers is not missing from that area."""
    merged: dict[tuple, dict[str, Any]] = {}
    for b in bodies:
        if b["scope"] == "region":
            name = area({"agency": b["agency"], "agency_key": b["body"]})
            b = {**b, "body": agency_key(name) or b["body"], "agency": name}
        seen = merged.setdefault((b["body"], b["scope"]), {**b, "have": []})
        seen["have"] = sorted(set(seen["have"]) | set(b["have"]))
    return sorted(merged.values(), key=lambda b: (b["body"], b["scope"]))


def _missing_years(bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Years from a body's first report to the corpus's last year with no report of it."""
    bodies = _by_area(bodies)
    last = max((max(b["have"]) for b in bodies), default=None)
    out = []
    for b in bodies:
        missing = [y for y in range(min(b["have"]), last + 1) if y not in b["have"]]
        if missing:
            out.append({"key": b["body"], "label": b["agency"], "scope": b["scope"],
                        "value": "、".join(map(str, missing))})
    return out


def _num(v: Any) -> Any:
    """Sums of counts as ints; money keeps its decimals."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _shown(section: str, row: dict[str, Any], key: str) -> str:
    v = row.get(key)
    if v is None and key == "share" and row.get("note"):
        return row["note"]
    if v is None:  # a report whose year could not be read has a row of its own
        return "（未识别）" if key == "year" else ""
    if key == "scope":
        return SCOPE_NAMES.get(v, v)
    if key == "share" and section in ("rules", "reuse", "top_agencies"):
        return f"{v * 100:.1f}%"
    return str(v)


def format_text(data: dict[str, list[dict[str, Any]]]) -> str:
    from ..render.text_table import format_table

    blocks = []
    for section, rows in data.items():
        title, columns = SECTIONS[section]
        block = [title]
        if rows:
            table = [tuple(h for _, h in columns)]
            table += [tuple(_shown(section, r, k) for k, _ in columns) for r in rows]
            block.append(format_table(table))
        else:
            block.append("（无）")
        blocks.append("\n".join(block))
    return "\n\n".join(blocks) + "\n"


def format_csv(data: dict[str, list[dict[str, Any]]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for section, rows in data.items():
        for r in rows:
            writer.writerow({"section": section, **{k: ("" if r.get(k) is None else csv_field(r[k]))
                                                    for k in FIELDS[1:]}})
    return buf.getvalue()


def format_json(data: dict[str, list[dict[str, Any]]]) -> str:
    doc = {"schema": "zfxxgk.stats/1",
           "sections": {s: {"title": SECTIONS[s][0], "rows": rows} for s, rows in data.items()}}
    return dumps(doc, indent=1) + "\n"
