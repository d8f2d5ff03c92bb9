"""The dashboard's numbers as data: every cell of the reports it counts, one row each.

The dashboard showed sums and a JSON of those sums; a researcher wanting the
figures behind them (per agency, level, year) had to rebuild the de-duplication
the dashboard applies. This CSV holds exactly the counted reports (one per body,
year and scope, as `zfxxgk batch` marks `counted`), with the printed row and column
names, the agency's level in the tree, and the number as printed. A blank cell
stays blank, with the reason the checker gave for it (or that the report left it
blank): never a 0.
"""

from __future__ import annotations

import io
from typing import Any

from ...check.labels import describe_column, describe_row
from ...files import CsvRows
from ...model import cell_text
from ...standard import TABLE_CODES
from ...standard.vocabulary import SCOPE_NAMES, TABLE_NAMES
from . import dashboard
from .dashboard import counted, data_of, level_of
from .tally import ROW_COLUMNS, plain_row
from .models import Agency, Finding

HEADER = ["机关", "层级", "地区", "范围", "年度", "表格格式", "表", "行", "列", "数值", "空白原因",
          "单元格代码", "报告编号"]
LEVELS = dict(Agency.Level.choices)
NO_FINDING = "报告中没有这个数字（此格空白或报告没有这一行），核查未另作说明"
# The response header giving how many filed reports the CSV leaves out for now (their
# summary is being made again): a comment line in the CSV would be read as a row
REFRESHING_HEADER = "X-Zfxxgk-Refreshing"


def _blank_reasons(report_ids: list[int]) -> dict[tuple[int, str], str]:
    """(report, cell code) -> the findings that name a cell, as 'RULE：message'."""
    reasons: dict[tuple[int, str], list[str]] = {}
    for f in Finding.objects.filter(report__in=report_ids).only("report_id", "rule", "message", "cells"):
        for code in f.cells or ():
            reasons.setdefault((f.report_id, code), []).append(f"{f.rule}：{f.message}")
    return {k: "；".join(v) for k, v in reasons.items()}


def _rows(r: dict[str, Any], data: dict[str, Any], reasons: dict[tuple[int, str], str]):
    template = data.get("template")
    head = [data.get("agency") or r["agency_name"] or "", LEVELS.get(r["level"] or "", ""),
            data.get("region") or "",
            SCOPE_NAMES.get(r["scope"], r["scope"]), r["year"] or "",
            f"{template}年格式" if template else "无表格"]
    for table in TABLE_CODES:
        for row_code, cols in (data.get(table) or {}).items():
            for col_code, value in (cols or {}).items():
                code = f"{table}.{row_code}.{col_code}"
                why = "" if value is not None else reasons.get((r["pk"], code), NO_FINDING)
                yield [*head, TABLE_NAMES.get(table, table), describe_row(table, row_code, template),
                       describe_column(table, col_code, template), cell_text(value), why, code, r["pk"]]


def counted_cells_csv(year: int | None, user, level: str | None = None) -> tuple[str, int]:
    """The CSV text (UTF-8, a header row) for the dashboard of `year` and `level` as
    `user` sees it, and how many filed reports it leaves out because their summary is
    still being made again (the page's `refreshing`): the view says so in the header
    REFRESHING_HEADER and the page beside the link, not in the CSV, whose every row
    after the header is a cell."""
    pool, waiting = dashboard.pool(None, user, level_of(level))
    chosen = [r for r in counted([plain_row(r) for r in pool.order_by("id").values(*ROW_COLUMNS)])
              if not year or r["year"] == year]
    reasons = _blank_reasons([r["pk"] for r in chosen])
    datas = data_of(chosen)
    buf = io.StringIO()
    out = CsvRows(buf)
    out.writerow(HEADER)
    for r in sorted(chosen, key=lambda r: (r["year"] or 0, r["agency"] or "", r["scope"])):
        out.writerows(_rows(r, datas[r["pk"]], reasons))
    return buf.getvalue(), sum(1 for _, y in waiting if not year or y == year)
