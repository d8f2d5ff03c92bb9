"""A table of reports as an XLSX workbook (one row per report, counts of findings
by severity, and the findings on a second sheet), for reviewers who keep working
in a spreadsheet."""

from __future__ import annotations

import io
from typing import Iterable

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from ...standard.vocabulary import SEVERITY_NAMES
from .models import Finding, Report

COLUMNS = ("编号", "标题", "机关", "年度", "表格格式", "状态", "版本", "错误", "警告", "提示", "来源文件")
FINDING_COLUMNS = ("报告编号", "报告", "规则", "级别", "说明", "单元格", "行", "原文", "修改建议")


def reports_xlsx(reports: Iterable[Report]) -> bytes:
    from ...render.xlsx import new_workbook

    rows = list(reports)
    buf = io.BytesIO()
    book = new_workbook(buf)
    bold = book.add_format({"bold": True, "bg_color": "#eeeeee", "border": 1})
    sheet = book.add_worksheet("报告")
    sheet.write_row(0, 0, COLUMNS, bold)
    for i, r in enumerate(rows, start=1):
        sheet.write_row(i, 0, (r.pk, r.title, r.agency.name if r.agency_id else "", r.year or "",
                               r.template, r.get_status_display(), r.version, r.errors,
                               r.warnings, r.infos, r.source_name))
    sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
    sheet.freeze_panes(1, 0)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 2, 28)
    sheet.set_column(10, 10, 36)
    detail = book.add_worksheet("问题")
    detail.write_row(0, 0, FINDING_COLUMNS, bold)
    titles = {r.pk: r.title for r in rows}
    n = 1
    for f in Finding.objects.filter(report__in=[r.pk for r in rows]).order_by("report_id", "position"):
        where = f.where or {}
        detail.write_row(n, 0, (f.report_id, titles.get(f.report_id, ""), f.rule,
                                SEVERITY_NAMES.get(f.severity, f.severity), f.message, "、".join(f.cells),
                                where.get("line") or "", where.get("excerpt") or "",
                                f.suggestion or ""))
        n += 1
    detail.autofilter(0, 0, max(n - 1, 1), len(FINDING_COLUMNS) - 1)
    detail.freeze_panes(1, 0)
    detail.set_column(4, 4, 60)
    book.close()
    return buf.getvalue()


def xlsx_response(reports: Iterable[Report], filename: str) -> HttpResponse:
    response = HttpResponse(
        reports_xlsx(reports),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
