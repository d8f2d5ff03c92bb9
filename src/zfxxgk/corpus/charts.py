"""`zfxxgk stats --html`: one standalone page with ECharts charts of the statistics.

ECharts is vendored (static/echarts.min.js, Apache-2.0, see static/README.md) and
inlined into the page, because reviewers open these pages on office machines
without internet access, and a CDN link would also tell a third party who reads
which report. All labels are Chinese; the data sits in the page as JSON.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from typing import Any

from ..standard.vocabulary import SCOPE_NAMES
from .stats import SECTIONS


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element."""
    return (json.dumps(data, ensure_ascii=False, default=str)
            .replace("</", "<\\/").replace("<!--", "<\\!--"))


def echarts_js() -> str:
    return resources.files("zfxxgk.corpus").joinpath("static/echarts.min.js").read_text("utf-8")


def _series_by(rows: list[dict[str, Any]], scope: str | None = "agency") -> dict[str, Any]:
    """Rows of (year, label, value) -> x axis of years and one series per label."""
    rows = [r for r in rows if scope is None or r.get("scope") == scope]
    years = sorted({r["year"] for r in rows if r["year"] is not None})
    labels = list(dict.fromkeys(r["label"] for r in rows))
    table = {(r["year"], r["label"]): r["value"] for r in rows}
    return {"x": [str(y) for y in years],
            "series": [{"name": lab, "data": [table.get((y, lab), 0) for y in years]}
                       for lab in labels]}


def charts(data: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The charts of the page: (id, title, kind, payload)."""
    out = [
        {"id": "templates", "title": SECTIONS["templates"][0], "kind": "stacked",
         **_series_by(data["templates"], scope=None)},
        {"id": "outcomes", "title": SECTIONS["outcomes"][0] + "：" + SCOPE_NAMES["agency"],
         "kind": "stacked", **_series_by(data["outcomes"])},
        {"id": "applicants", "title": SECTIONS["applicants"][0] + "：" + SCOPE_NAMES["agency"],
         "kind": "stacked", **_series_by(data["applicants"])},
    ]
    if any(r.get("scope") == "region" for r in data["outcomes"]):
        out.append({"id": "outcomes_region",
                    "title": SECTIONS["outcomes"][0] + "：" + SCOPE_NAMES["region"] + "（不与本机关相加）",
                    "kind": "stacked", **_series_by(data["outcomes"], scope="region")})
    rules = data["rules"][:20][::-1]
    out.append({"id": "rules", "title": SECTIONS["rules"][0], "kind": "hbar", "percent": True,
                "x": [f"{r['key']} {r['label']}" for r in rules],
                "series": [{"name": "占比", "data": [round((r["share"] or 0) * 100, 1) for r in rules]}]})
    out.extend(_top_chart(data["top_agencies"]))
    return out


def _top_chart(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The latest year's ranking of single bodies (the table lists every year and
    scope): bars of different years side by side would read as one ranking."""
    years = [r["year"] for r in rows if r["scope"] == "agency" and r["year"] is not None]
    if not years:
        return []
    top = [r for r in rows if r["scope"] == "agency" and r["year"] == max(years)][::-1]
    return [{"id": "top", "title": f"{max(years)}年度新收申请最多的机关（{SCOPE_NAMES['agency']}）",
             "kind": "hbar", "x": [r["label"] for r in top],
             "series": [{"name": "新收申请", "data": [r["value"] for r in top]}]}]


# Every chart of the page, the indicators' too: bars (stacked, or horizontal), a heat
# map; a bar or cell with the `sha` of its report leads to that report's evidence.
_SCRIPT = """
const charts = JSON.parse(document.getElementById('chart-data').textContent);
for (const c of charts) {
  const chart = echarts.init(document.getElementById('chart-' + c.id), null, {renderer: 'svg'});
  chart.setOption(c.kind === 'heat' ? heatmap(c) : bars(c));
  chart.on('click', p => { if (p.data && p.data.sha) location.hash = p.data.sha; });
  window.addEventListener('resize', () => chart.resize());
}
function bars(c) {
  const horizontal = c.kind === 'hbar';
  const cat = {type: 'category', data: c.x, axisLabel: {interval: 0, width: 260, overflow: 'truncate'}};
  const val = {type: 'value', axisLabel: {formatter: c.percent ? '{value}%' : '{value}'}};
  return {
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
    legend: {show: c.series.length > 1, top: 0},
    grid: {left: horizontal ? 280 : 60, right: 30, top: 40, bottom: 30},
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series: c.series.map(s => ({name: s.name, type: 'bar', data: s.data,
                                stack: c.kind === 'stacked' ? 'total' : undefined}))
  };
}
function heatmap(c) {
  const values = c.data.map(d => d.value[2]);
  return {tooltip: {}, grid: {left: 260, right: 30, top: 20, bottom: 70},
    xAxis: {type: 'category', data: c.x}, yAxis: {type: 'category', data: c.y},
    visualMap: {min: Math.min(...values), max: Math.max(...values), calculable: true, orient: 'horizontal',
                left: 'center', bottom: 0, inRange: {color: ['#f7fbff', '#08519c']}},
    series: [{type: 'heatmap', data: c.data, label: {show: true}}]};
}
"""


def html_table(head: tuple[str, ...], body: list[str]) -> str:
    """A table of the pages: escaped headers over the given rows, or one row （无）."""
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    rows = "".join(body) or f"<tr><td colspan='{len(head)}'>（无）</td></tr>"
    return f"<table><thead><tr>{th}</tr></thead><tbody>{rows}</tbody></table>"


def _table(section: str, rows: list[dict[str, Any]]) -> str:
    from .stats import _shown

    title, columns = SECTIONS[section]
    body = ["<tr>" + "".join(f"<td>{html.escape(_shown(section, r, k))}</td>" for k, _ in columns) + "</tr>"
            for r in rows]
    return f"<section><h2>{html.escape(title)}</h2>{html_table(tuple(h for _, h in columns), body)}</section>"


def render_page(data: dict[str, list[dict[str, Any]]], title: str = "政府信息公开工作年度报告统计",
                extra: tuple[str, list[dict[str, Any]]] = ("", [])) -> str:
    """The page; `extra` is (HTML, charts) of a further part, such as the indicators
    (its charts drawn into its elements `chart-<id>`)."""
    specs = charts(data)
    blocks = "".join(
        f"<section><h2>{html.escape(c['title'])}</h2>"
        f"<div class='chart' id='chart-{c['id']}' role='img' aria-label='{html.escape(c['title'])}'>"
        f"</div></section>" for c in specs)
    tables = "".join(_table(s, data[s]) for s in ("overview", "missing_years", "duplicates", "nested_regions")
                     if s in data)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }}
h1 {{ font-size: 1.6em; }} h2 {{ font-size: 1.15em; margin-top: 2em; }}
.chart {{ width: 100%; height: 420px; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #bbb; padding: .3em .6em; }}
td.n {{ text-align: right; }} details {{ margin: .3em 0; }} :target {{ background: #fff3c4; }}
footer {{ margin-top: 3em; font-size: .85em; color: #666; }}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<p>每个机关每个年度只计一份报告（同一报告有多个文件时取解析最完整的一份）；本行政区域的汇总报告与各机关本级报告分开统计，不相加。</p>
{tables}
{blocks}
{extra[0]}
<footer>由 zfxxgk stats 生成。图表使用 Apache ECharts（Apache License 2.0）。</footer>
<script id="chart-data" type="application/json">{_script_json(specs + extra[1])}</script>
<script>{echarts_js()}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""
