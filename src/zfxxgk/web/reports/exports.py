"""A table of reports as an XLSX workbook (one row per report, counts of findings
by severity, and the findings on a second sheet), for reviewers who keep working
in a spreadsheet. The findings sheet is the same table `zfxxgk check --format
xlsx` writes (app.finding_table): cells by their printed labels, 错误/警告/提示,
and the reviewer's verdict."""

from __future__ import annotations

import io
from typing import Iterable

from ...app import finding_table
from .models import Finding, Report

COLUMNS = ("编号", "标题", "机关", "年度", "表格格式", "状态", "版本", "错误", "警告", "提示", "来源文件", "退回理由")


def finding_entries(rows: list[Report]) -> list[finding_table.Entry]:
    """The reports' stored findings with their reviewers' verdicts, for the one
    findings table of the CLI and the web (app.finding_table)."""
    from .verdicts import verdicts_for

    by_report: dict[int, list[Finding]] = {}
    for f in Finding.objects.filter(report__in=[r.pk for r in rows]).order_by("report_id", "position"):
        by_report.setdefault(f.report_id, []).append(f)
    return [finding_table.Entry(report=r.title, source=r.source_name,
                                agency=r.agency.name if r.agency_id else "", year=r.year,
                                template=r.template or None, findings=by_report.get(r.pk, []),
                                verdicts=verdicts_for(r))
            for r in rows]


def reports_xlsx(reports: Iterable[Report], unreadable: list[dict[str, str]] | None = None) -> bytes:
    """`unreadable`: a batch's files that gave no report ({"file", "error"}), on a
    third sheet: the reviewer's exported list had left the damaged file out, as if
    the zip held one report fewer."""
    from ...render.xlsx import new_workbook
    from .workflow import returned_drafts

    rows = list(reports)
    buf = io.BytesIO()
    book = new_workbook(buf)
    bold = book.add_format({"bold": True, "bg_color": "#eeeeee", "border": 1})
    sheet = book.add_worksheet("报告")
    sheet.write_row(0, 0, COLUMNS, bold)
    returned = returned_drafts(rows)  # 已退回 and why, as the list shows them
    for i, r in enumerate(rows, start=1):
        back = returned.get(r.pk)
        sheet.write_row(i, 0, (r.pk, r.title, r.agency.name if r.agency_id else "", r.year or "",
                               r.template, "已退回" if back else r.get_status_display(), r.version,
                               r.errors, r.warnings, r.infos, r.source_name,
                               (back["reason"] or "未写理由") if back else ""))
    sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
    sheet.freeze_panes(1, 0)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 2, 28)
    sheet.set_column(10, 11, 36)
    finding_table.write_sheet(book, "问题", finding_table.rows(finding_entries(rows)))
    if unreadable:
        failed = book.add_worksheet("无法读取的文件")
        failed.write_row(0, 0, ("文件", "原因"), bold)
        for i, x in enumerate(unreadable, start=1):
            name = x.get("file", "")
            error = x.get("error", "")
            failed.write_row(i, 0, (name, error.removeprefix(f"{name}：")))
        failed.set_column(0, 0, 48)
        failed.set_column(1, 1, 80)
    book.close()
    return buf.getvalue()
