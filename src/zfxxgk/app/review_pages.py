"""The review page: one standalone HTML page per report for a person checking it.

The report is shown in the official layout (the same `render` layout offices
publish with, so the tables look as the form prescribes), every cell a finding
names is highlighted by its code (`data-cell`), and the findings stand beside it
with their place and source excerpt. Several reports get an index page linking
each one's page, with its counts.
"""

from __future__ import annotations

import html
from typing import Iterable

from ..check import messages as msg
from ..check.engine import Finding
from ..check.labels import describe_cells
from ..check import review
from ..check.review import _title
from ..model import Report
from ..render import render
from ..standard.vocabulary import SEVERITIES
from ..files import write_atomic

COLOURS = {"error": "#f8c9c4", "warning": "#fbe7a6", "info": "#d6e6f5"}

CSS = """
body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; }
.review { display: flex; gap: 1.5em; align-items: flex-start; padding: 1em; }
.review > .doc { flex: 3; min-width: 0; }
.review > aside { flex: 2; position: sticky; top: 0; max-height: 100vh; overflow-y: auto; }
aside h2 { font-size: 1.1em; margin: 0.3em 0; }
.finding { border-left: 4px solid #999; padding: 0.3em 0.6em; margin: 0.5em 0; background: #fafafa; }
.finding.error { border-color: #c0392b; } .finding.warning { border-color: #d4a017; }
.finding.info { border-color: #2e86c1; }
.finding .rule { font-weight: bold; } .finding .meta { color: #555; font-size: 0.9em; }
.finding blockquote { margin: 0.2em 0; padding: 0.2em 0.5em; background: #fff; border: 1px solid #ddd; }
.counts span { margin-right: 1em; }
table.index { border-collapse: collapse; } table.index td, table.index th { border: 1px solid #999; padding: 0.2em 0.6em; }
"""


def _cell_css(findings: Iterable[Finding]) -> str:
    """Highlight each flagged cell in its most severe finding's colour."""
    worst: dict[str, str] = {}
    for f in findings:
        for code in f.cells:
            if code not in worst or SEVERITIES.index(f.severity) < SEVERITIES.index(worst[code]):
                worst[code] = f.severity
    return "\n".join(f'[data-cell="{html.escape(c, quote=True)}"] {{ background: {COLOURS[s]}; }}'
                     for c, s in sorted(worst.items()))


def _finding_html(report: Report, f: Finding) -> str:
    e = html.escape
    parts = [f'<div class="finding {e(f.severity)}">',
             f'<div><span class="rule">[{e(f.rule)}] {e(msg.SEVERITY_NAMES[f.severity])}</span> '
             f'{e(f.message)}</div>']
    if f.cells:
        parts.append(f'<div class="meta">{e(msg.REVIEW_CELLS)}'
                     f'{e(describe_cells(f.cells, report.template))}</div>')
    where = f.where or {}
    place = review.place(where)
    if place:
        parts.append(f'<div class="meta">{e(msg.REVIEW_WHERE)}{e(place)}</div>')
    if where.get("excerpt"):
        parts.append(f"<blockquote>{e(where['excerpt'])}</blockquote>")
    if f.suggestion:
        parts.append(f'<div class="meta">{e(msg.REVIEW_FIX)}{e(f.suggestion)}</div>')
    parts.append("</div>")
    return "\n".join(parts)


def _document_html(report: Report) -> str:
    try:
        return str(render(report, "html", fragment=True))
    except Exception:  # a report the layout cannot draw still gets its findings
        return f"<p>{html.escape(_title(report))}</p>"


def review_page(report: Report, findings: list[Finding]) -> str:
    e = html.escape
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    side = [f"<h2>{e(msg.REVIEW_COUNTS.format(**counts))}</h2>"]
    if report.source:
        side.append(f'<div class="meta">{e(msg.REVIEW_SOURCE.format(source=report.source))}</div>')
    if not findings:
        side.append(f"<p>{e(msg.REVIEW_CLEAN)}</p>")
    side += [_finding_html(report, f) for f in findings]
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="generator" content="zfxxgk">\n<title>{e(_title(report))}</title>\n'
            f"<style>{CSS}\n{_cell_css(findings)}</style>\n</head>\n<body>\n"
            f'<div class="review">\n<div class="doc">\n{_document_html(report)}\n</div>\n'
            f'<aside>\n{chr(10).join(side)}\n</aside>\n</div>\n</body>\n</html>\n')


SORT_JS = """
document.querySelectorAll("table.index th").forEach(function (th, col) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0];
    var up = th.dataset.dir !== "asc";
    th.closest("tr").querySelectorAll("th").forEach(function (h) { delete h.dataset.dir; });
    th.dataset.dir = up ? "asc" : "desc";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.sort || a.cells[col].textContent;
      var y = b.cells[col].dataset.sort || b.cells[col].textContent;
      var n = Number(x) - Number(y);
      var d = isNaN(n) ? x.localeCompare(y, "zh-CN") : n;
      return up ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""

INDEX_CSS = """
.summary span { display: inline-block; margin-right: 1.5em; font-size: 1.1em; }
table.index th { cursor: pointer; background: #eee; user-select: none; }
table.index th[data-dir="asc"]::after { content: " ▲"; } table.index th[data-dir="desc"]::after { content: " ▼"; }
td.fail { color: #c0392b; font-weight: bold; } td.pass { color: #1e8449; }
"""


def _summary(entries: list[tuple[Report, list[Finding], str]], unreadable: list[tuple[str, str]]) -> str:
    e = html.escape
    with_errors = sum(1 for _, fs, _ in entries if any(f.severity == "error" for f in fs))
    with_warnings = sum(1 for _, fs, _ in entries if any(f.severity == "warning" for f in fs))
    figures = ((msg.REVIEW_INDEX_REPORTS, len(entries)), (msg.REVIEW_INDEX_WITH_ERRORS, with_errors),
               (msg.REVIEW_INDEX_WITH_WARNINGS, with_warnings), (msg.REVIEW_INDEX_UNREADABLE, len(unreadable)))
    return ('<p class="summary">' + "".join(f'<span>{e(name)}：<b>{n}</b></span>' for name, n in figures)
            + "</p>")


def _unreadable_html(unreadable: list[tuple[str, str]]) -> str:
    if not unreadable:
        return ""
    e = html.escape
    rows = "".join(f"<tr><td>{e(source)}</td><td>{e(reason)}</td></tr>" for source, reason in unreadable)
    return (f"<h2>{e(msg.REVIEW_INDEX_UNREADABLE)}</h2>\n<table class=\"unreadable index\">"
            f"<thead><tr><th>{e(msg.REVIEW_INDEX_SOURCE)}</th><th>{e(msg.REVIEW_INDEX_REASON)}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>\n")


def index_page(entries: list[tuple[Report, list[Finding], str]],
               unreadable: list[tuple[str, str]] | None = None) -> str:
    """`entries`: (report, findings, relative link to its page); `unreadable`:
    (file, reason) of the inputs that gave no report. A summary first, then one
    sortable row per report with 通过/未通过 (未通过: an error-level finding)."""
    e = html.escape
    unreadable = list(unreadable or [])
    rows = []
    for report, findings, link in entries:
        counts = [sum(1 for f in findings if f.severity == s) for s in SEVERITIES]
        passed = counts[0] == 0
        verdict = msg.REVIEW_INDEX_PASS if passed else msg.REVIEW_INDEX_FAIL
        rows.append(f'<tr><td><a href="{e(link, quote=True)}">{e(_title(report))}</a></td>'
                    f"<td>{e(report.source or '')}</td>"
                    f'<td class="{"pass" if passed else "fail"}" data-sort="{0 if passed else 1}">{e(verdict)}</td>'
                    + "".join(f"<td>{c}</td>" for c in counts) + "</tr>")
    head = "".join(f"<th>{e(msg.SEVERITY_NAMES[s])}</th>" for s in SEVERITIES)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{e(msg.REVIEW_INDEX_TITLE)}</title>\n<style>{CSS}{INDEX_CSS}</style>\n</head>\n<body>\n"
            f"<h1>{e(msg.REVIEW_INDEX_TITLE)}</h1>\n{_summary(entries, unreadable)}\n"
            f"<table class=\"index reports\">\n<thead><tr><th>{e(msg.REVIEW_INDEX_REPORT)}</th>"
            f"<th>{e(msg.REVIEW_INDEX_SOURCE)}</th><th>{e(msg.REVIEW_INDEX_RESULT)}</th>{head}</tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>\n" + _unreadable_html(unreadable)
            + f"<script>{SORT_JS}</script>\n</body>\n</html>\n")


def page_name(report: Report, position: int) -> str:
    """A file name for a report's page in a set: its position, body and year."""
    import re

    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", f"{report.agency_key or 'report'}-{report.year or ''}")
    return f"{position + 1:03d}-{stem}.html"


def write_html(out, output: str | None, pages: list[tuple[Report, list[Finding]]],
               unreadable: list[tuple[str, str]] | None = None) -> list[str]:
    """One report: its page to `out`. Several: the index page to `out`, each
    report's page beside the output file (or in the current folder when the index
    goes to standard output), each written whole before it replaces an old one.
    Returns the paths of the pages written."""
    from pathlib import Path

    if len(pages) == 1 and not unreadable:
        out.write(review_page(*pages[0]))
        return []
    folder = Path(output).parent if output not in (None, "-") else Path(".")
    written, entries = [], []
    for i, (report, findings) in enumerate(pages):
        name = page_name(report, i)
        target = folder / name
        write_atomic(target, review_page(report, findings))
        written.append(str(target))
        entries.append((report, findings, name))
    out.write(index_page(entries, unreadable))
    return written
