"""The regional summary (汇总) of a year: the tables of every unit of a region
added up into one `zfxxgk.report/1` with `scope: region`, from a batch run.

A 政务公开办 must publish its area's report built from its units' reports. A sum
of reports whose identities hold keeps every identity (they are linear), so a
unit whose tables break one (an error of T3 or T4), or that uses another table
format than the others, is left out of the sum and listed: one wrong unit must
not make the whole region's report wrong. Units that reported in other years but
not in this one are listed as missing. Only `scope: agency` reports are added: a
region's own summary (of the region or of a sub-region) would count its units twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..errors import ZfxxgkError
from ..model import Report, report_from_json
from ..standard import TABLE_CODES
from ..standard.vocabulary import IDENTITY_FAMILIES
from .dedupe import connect, fetch_rows
from .store import REPORTS

# Rule families whose errors make a unit's tables unfit to add.
IDENTITY_RULES = tuple(f + "-" for f in IDENTITY_FAMILIES)


@dataclass
class Summary:
    report: Report
    included: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    excluded: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"region": self.report.region, "year": self.report.year,
                "included": self.included, "missing": self.missing, "excluded": self.excluded}


def _units(out: str | Path, region: str, year: int) -> tuple[list[dict], list[dict]]:
    """(the kept agency-scope reports of the region's units for `year`, the units
    with reports in other years but none this year)."""
    con = connect(out)
    under = "(starts_with(coalesce(agency_key, ''), $r) or starts_with(coalesce(region, ''), $r) " \
            "or starts_with(coalesce(agency, ''), $r))"
    units = fetch_rows(con, f"""
        select r.sha256, r.source, r.agency, r.agency_key, r.template, r.errors,
               (select list(distinct f.rule) from findings f
                 where f.sha256 = r.sha256 and f.severity = 'error') rules
        from reports r where r.scope = 'agency' and r.year = $y and {under}
        order by r.agency_key, r.source""", {"r": region, "y": year})
    cur = con.execute(f"""
        select coalesce(agency_key, agency) body, any_value(agency) agency,
               list(distinct year order by year) have_years
        from reports where scope = 'agency' and year != $y and {under}
          and coalesce(agency_key, agency) not in (
              select coalesce(agency_key, agency) from reports
              where scope = 'agency' and year = $y and coalesce(agency_key, agency) is not null)
        group by 1 order by 1""", {"r": region, "y": year})
    missing = [{"agency_key": b, "agency": a, "years": ys} for b, a, ys in cur.fetchall()]
    return units, missing


def _load(out: str | Path, wanted: set[str]) -> dict[str, Report]:
    """The reports with these SHA-256 from reports.jsonl (money back as Decimal)."""
    found: dict[str, Report] = {}
    with open(Path(out) / REPORTS, "rb") as f:
        for line in f:
            sha = orjson.loads(line).get("sha256")
            if sha in wanted and sha not in found:
                found[sha] = report_from_json(line.decode("utf-8"))
    return found


def add_tables(reports: list[Report]) -> dict[str, dict[str, dict[str, Any]]]:
    """Cell-by-cell sums; a cell blank in every report stays blank (None)."""
    out: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in TABLE_CODES}
    for r in reports:
        for table in TABLE_CODES:
            target = out[table]
            for row, cells in getattr(r, table).items():
                row_out = target.setdefault(row, {})
                for col, value in cells.items():
                    if value is None:
                        row_out.setdefault(col, None)
                    else:
                        row_out[col] = (row_out.get(col) or 0) + value
    return out


def aggregate(out: str | Path, region: str, year: int) -> Summary:
    units, missing = _units(out, region, year)
    if not units:
        raise ZfxxgkError(f"{out} 中没有“{region}”所属单位 {year} 年度的报告")
    template = Counter(u["template"] for u in units if u["template"]).most_common(1)
    template_used = template[0][0] if template else None
    excluded, keep = [], []
    for u in units:
        broken = sorted(r for r in u["rules"] or [] if r.startswith(IDENTITY_RULES))
        reasons = [f"表格数字不符合勾稽关系（{'、'.join(broken)}）"] if broken else []
        if u["template"] != template_used:
            reasons.append(f"表格格式（{u['template'] or '无表格'}）与其他单位（{template_used}）不同")
        entry = {"agency": u["agency"], "agency_key": u["agency_key"], "source": u["source"],
                 "sha256": u["sha256"]}
        if reasons:
            excluded.append({**entry, "reasons": reasons})
        else:
            keep.append(entry)
    reports = _load(out, {u["sha256"] for u in keep})
    tables = add_tables([reports[u["sha256"]] for u in keep if u["sha256"] in reports])
    note = (f"本报告由 zfxxgk 根据{region}所属{len(keep)}个单位{year}年度政府信息公开工作年度报告的统计表汇总生成。"
            + (f"另有{len(excluded)}个单位的报告因数据问题未计入。" if excluded else "")
            + (f"{len(missing)}个单位尚无本年度报告。" if missing else ""))
    report = Report(agency=region, region=region, agency_key=region, scope="region", year=year,
                    template=template_used, sections={"1": note}, **tables)
    return Summary(report, keep, missing, excluded)


def format_summary(s: Summary) -> str:
    lines = [f"{s.report.region}{s.report.year}年度汇总：计入 {len(s.included)} 个单位，"
             f"未计入 {len(s.excluded)} 个，缺少报告 {len(s.missing)} 个。"]
    if s.excluded:
        lines.append("未计入的单位：")
        lines += [f"  {e['agency']}（{e['source']}）：{'；'.join(e['reasons'])}" for e in s.excluded]
    if s.missing:
        lines.append("缺少本年度报告的单位：")
        lines += [f"  {m['agency']}（有 {'、'.join(map(str, m['years']))} 年度的报告）" for m in s.missing]
    return "\n".join(lines)

