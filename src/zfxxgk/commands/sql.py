"""`zfxxgk sql`: DuckDB over a batch run's outputs, with nothing else to install.

The researcher's questions are rarely the ones `stats` prints. DuckDB ships as a
Python package with zfxxgk, so SQL needs no separate command-line program: this
command opens the run folder with its tables registered as views and prints the
answer as a table, CSV or JSON.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import click

from ..errors import ZfxxgkError
from ..files import CsvRows
from . import refusals

VIEWS_HELP = """\b
视图（每个机关每年度每个范围只计一份报告，_all 为全部文件）：
  reports      报告：source, sha256, agency, agency_key, region, scope, year, template, filled, errors, counted,
               level、level_name（机关名称能确定的层级：省、市、区县、乡镇街道、部门；不能确定时为空）…
  cells        单元格：table, row, column, row_label, column_label, value, text, counted …
  findings     问题：rule, severity, message, cells, line, page, excerpt …
  indicators   指标：indicator, name, basis, formula, numerator, denominator, value（每份报告每个口径一行）
  growth       申请增长率：body, year, received, prev_received, value
  reports_all, cells_all, findings_all, dropped（重复而未计入的报告）"""


def open_run(out: str) -> Any:
    """A DuckDB connection on the run folder with every view registered."""
    from ..corpus.dedupe import connect
    from ..corpus.indicators_sql import install

    con = connect(out)
    install(con)
    return con


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _text(value: Any) -> str:
    value = _plain(value)
    return "" if value is None else str(value)


@click.command(epilog=VIEWS_HELP)
@click.argument("query", metavar="SQL")
@click.option("--out", "out", required=True, metavar="DIR", help="zfxxgk batch 的输出文件夹。")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="table：对齐的表格；csv；json：对象数组。")
def sql(query: str, out: str, fmt: str) -> None:
    """用 SQL 查询批量结果（DuckDB，已随 zfxxgk 安装，无需另装）。

    \b
    例：各年度新收申请（各机关本级报告；scope = 'region' 的地区汇总报告已含其下各单位，不能相加）：
    zfxxgk sql "select year, sum(value) from cells where \\"table\\" = 'applications'
                 and \\"row\\" = 'received' and \\"column\\" = 'total' and scope = 'agency'
                 group by year" --out 结果/
    每个机关每年的实质公开率，从高到低：
    zfxxgk sql "select agency, year, value from indicators
                 where indicator = 'disclosure_rate' and basis = 'results_total'
                 order by value desc" --out 结果/ --format csv
    """
    from ..cli import format_table
    from ..model import dumps

    with refusals(ZfxxgkError):
        con = open_run(out)
    with refusals(Exception, prefix="SQL 无法执行："):  # DuckDB's errors: all are the user's SQL
        cur = con.execute(query)
    if cur.description is None:
        return
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    if fmt == "json":
        click.echo(dumps([{n: _plain(v) for n, v in zip(names, row)} for row in rows], indent=1))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = CsvRows(buf)
        writer.writerow(names)
        writer.writerows([[_text(v) for v in row] for row in rows])
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(format_table([tuple(names)] + [tuple(_text(v) for v in row) for row in rows]))
        click.echo(f"（{len(rows)} 行）", err=True)
