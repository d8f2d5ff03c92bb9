"""`zfxxgk stats --html`: the indicator page — table, rankings, regional benchmark and a
heat map, each figure linked to the reports and cells it came from.

Peers publish rankings without saying how a rate was computed or from which numbers.
Here every figure is an anchor to its evidence: the report (its file or web address,
body and year) and the very cells that entered the numerator and the denominator. The
page stands alone (ECharts inlined, data as JSON), so it opens offline.
"""

from __future__ import annotations

import html
from collections import Counter
import statistics
from pathlib import Path
from typing import Any

from .charts import html_table
from .dedupe import connect, fetch_rows
from .indicator_tables import SCOPE_ZH, number, percent
from .indicators import ALL, all_terms, describe
from .indicators_sql import grouped, install

HEAT_INDICATOR = "disclosure_rate"
MAX_HEAT_UNITS = 40


def ranked(rows: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """Competition ranking (1, 2, 2, 4) by value, highest first; nulls left out."""
    rows = sorted((r for r in rows if r["value"] is not None), key=lambda r: (-r["value"], str(r["label"])))
    out, rank = [], 0
    for i, r in enumerate(rows):
        if i == 0 or r["value"] != rows[i - 1]["value"]:
            rank = i + 1
        out.append((rank, r))
    return out


def benchmarks(rows: list[dict[str, Any]], regions: dict[str, str | None]) -> list[dict[str, Any]]:
    """Each unit against the median of the units of its region (same indicator, year)."""
    by_region: dict[tuple, list[dict[str, Any]]] = {}
    for r in rows:
        region = regions.get(r["key"])
        if r["value"] is not None and region and r["scope"] == "agency":
            by_region.setdefault((region, r["year"], r["indicator"]), []).append(r)
    out = []
    for (region, year, indicator), units in sorted(by_region.items(), key=lambda kv: str(kv[0])):
        if len(units) < 2:
            continue
        median = statistics.median(u["value"] for u in units)
        for u in sorted(units, key=lambda u: -u["value"]):
            out.append({"region": region, "year": year, "indicator": indicator, "unit": u,
                        "median": median, "diff": u["value"] - median})
    return out


def _anchor(sha: str) -> str:
    return "r-" + sha[:16]


def _linked(value: str, evidence: list[str] | None) -> str:
    """The figure linked to its first report, with a numbered link to each other one."""
    evidence = evidence or []
    if not evidence or not value:
        return html.escape(value)
    more = "".join(f"<sup><a href='#{_anchor(s)}'>{i}</a></sup>"
                   for i, s in enumerate(evidence[1:10], start=2))
    return f"<a href='#{_anchor(evidence[0])}'>{html.escape(value)}</a>{more}"


def _indicator_table(rows: list[dict[str, Any]]) -> str:
    body = [f"<tr><td>{html.escape(str(r['label'] or '（未识别）'))}</td><td>{number(r['year'])}</td>"
            f"<td>{SCOPE_ZH.get(r['scope'], r['scope'])}</td><td>{html.escape(r['name'])}</td>"
            f"<td class='n'>{_linked(percent(r['value']), r['evidence'])}</td>"
            f"<td class='n'>{number(r['numerator'])}</td><td class='n'>{number(r['denominator'])}</td></tr>"
            for r in rows]
    return html_table(("机关", "年度", "范围", "指标", "数值", "分子", "分母"), body)


def _rankings(rows: list[dict[str, Any]], year: int | None) -> tuple[str, list[dict[str, Any]]]:
    """One table, a unit a row, each indicator's value with its rank (ties share a
    rank), ordered by the first indicator; and the bar chart of that ranking."""
    units: dict[str, dict[str, tuple[int, dict[str, Any]]]] = {}
    shown, ranks_of = [], {}
    for ind in ALL:
        ranks = ranks_of[ind.code] = ranked([r for r in rows if r["indicator"] == ind.code
                                             and r["year"] == year and r["scope"] == "agency"])
        if ranks:
            shown.append(ind)
        for rank, r in ranks:
            units.setdefault(str(r["label"]), {})[ind.code] = (rank, r)
    if not shown:
        return "", []
    first = shown[0].code
    order = sorted(units, key=lambda u: (units[u].get(first, (10**9,))[0], u))
    body = []
    for unit in order:
        cells = "".join(
            f"<td class='n'>{_linked(percent(units[unit][i.code][1]['value']), units[unit][i.code][1]['evidence'])}"
            f"（{units[unit][i.code][0]}）</td>" if i.code in units[unit] else "<td></td>" for i in shown)
        body.append(f"<tr><td>{html.escape(unit)}</td>{cells}</tr>")
    title = f"<h3>{year} 年度各机关指标及名次（括号内为名次，从高到低，数值相同的并列）</h3>"
    table = html_table(("机关", *(i.name for i in shown)), body)
    top = ranks_of[first][:20][::-1]
    chart = {"id": f"rank-{first}", "title": f"{shown[0].name}排名（{year}）", "kind": "hbar", "percent": True,
             "x": [f"{rank}. {r['label']}" for rank, r in top],
             "series": [{"name": shown[0].name, "data": [{"value": round(r["value"] * 100, 1),
                                                         "sha": _anchor(r["evidence"][0])} for _, r in top]}]}
    return title + table, [chart]


def _benchmark_table(items: list[dict[str, Any]]) -> str:
    names = {ind.code: ind.name for ind in ALL}
    body = [f"<tr><td>{html.escape(b['region'])}</td><td>{number(b['year'])}</td>"
            f"<td>{html.escape(names[b['indicator']])}</td><td>{html.escape(str(b['unit']['label']))}</td>"
            f"<td class='n'>{_linked(percent(b['unit']['value']), b['unit']['evidence'])}</td>"
            f"<td class='n'>{percent(b['median'])}</td>"
            f"<td class='n'>{'+' if b['diff'] > 0 else ''}{b['diff'] * 100:.1f}</td></tr>"
            for b in items]
    return html_table(("地区", "年度", "指标", "单位", "数值", "地区中位数", "与中位数之差（百分点）"), body)


def _heatmap(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    cells = [r for r in rows if r["indicator"] == HEAT_INDICATOR and r["scope"] == "agency"
             and r["value"] is not None and r["year"] is not None]
    if not cells:
        return None
    counts = Counter(str(r["label"]) for r in cells)
    units = sorted(counts, key=lambda u: (-counts[u], u))[:MAX_HEAT_UNITS]
    years = sorted({r["year"] for r in cells})
    data = [{"value": [years.index(r["year"]), units.index(str(r["label"])), round(r["value"] * 100, 1)],
             "sha": _anchor(r["evidence"][0])} for r in cells if str(r["label"]) in units]
    return {"id": "heat", "title": "实质公开率热力图（机关 × 年度，%）", "kind": "heat",
            "x": [str(y) for y in years], "y": units, "data": data}


def _evidence(con: Any, shas: set[str]) -> str:
    """Each report that a figure links to: where it came from and the cells used."""
    if not shas:
        return ""
    con.execute("create or replace temp table wanted (sha256 varchar)")
    con.executemany("insert into wanted values (?)", [(s,) for s in sorted(shas)])
    # each term's column in `indicator_terms` -> its label with the table's number
    labels = {key: f"{'表三' if t.table == 'applications' else '表四'} {t.label}"
              for key, t in all_terms().items()}
    blocks = []
    for rec in fetch_rows(con, """select r.sha256, r.agency, r.year, r.scope, r.source, t.*
                                  from reports_all r join wanted w using (sha256)
                                  join indicator_terms t using (sha256) order by r.agency, r.year"""):
        source = rec["source"] or ""
        path = Path(source)
        link = (f"<a href='{html.escape(path.resolve().as_uri())}'>{html.escape(source)}</a>"
                if source and path.exists() else html.escape(source))
        cells = "".join(f"<tr><td>{html.escape(label)}</td><td class='n'>{number(rec.get(key))}</td></tr>"
                        for key, label in labels.items())
        blocks.append(f"<details id='{_anchor(rec['sha256'])}'><summary>{html.escape(rec['agency'] or '（未识别）')}"
                      f" {number(rec['year'])} 年度（{SCOPE_ZH.get(rec['scope'], rec['scope'])}）：{link}</summary>"
                      f"<table><tbody>{cells}</tbody></table></details>")
    return "".join(blocks)


def indicator_section(out: str | Path, choices: dict[str, str] | None = None
                      ) -> tuple[str, list[dict[str, Any]]]:
    """The indicator part of the statistics page: (HTML body, its charts for the
    page's script to draw)."""
    con = connect(out)
    install(con)
    by_agency = grouped(con, "agency", choices)
    regions = dict(con.execute("select coalesce(agency_key, agency), any_value(region) from reports "
                               "group by 1").fetchall())
    years = sorted({r["year"] for r in by_agency if r["year"] is not None})
    rank_html, charts = _rankings(by_agency, years[-1] if years else None)
    heat = _heatmap(by_agency)
    if heat:
        charts.append(heat)
    shas = {s for r in by_agency for s in (r["evidence"] or [])}
    chart_divs = "".join(f"<section><h3>{html.escape(c['title'])}</h3><div class='chart' id='chart-{c['id']}' "
                         f"style='height:{max(300, 22 * len(c.get('y', c['x'])) + 90)}px'></div></section>"
                         for c in charts)
    notes = "".join(f"<li><b>{html.escape(d['name'])}</b>（{html.escape(d['basis_name'])}）："
                    f"{html.escape(d['formula'])}{'（默认）' if d['default'] else ''}</li>" for d in describe())
    body = f"""<section id="indicators"><h2>指标</h2>
<p>每个数值都链接到它所依据的报告和单元格（见“依据”）。数值为空表示分母为 0 或所需单元格空白（不当作 0）。
指标按组合计时为分子之和除以分母之和。</p>
<h3>口径</h3><ul>{notes}</ul>
<h2>排名</h2>{chart_divs}{rank_html or '<p>（无）</p>'}
<h2>地区对比（各单位与本地区中位数）</h2>{_benchmark_table(benchmarks(by_agency, regions))}
<h2>各机关各年度指标</h2>{_indicator_table(by_agency)}
<h2>依据</h2>{_evidence(con, shas)}</section>"""
    return body, charts
