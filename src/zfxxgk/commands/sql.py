"""`zfxxgk sql`: DuckDB over a batch run's outputs, with nothing else to install.

The researcher's questions are rarely the ones `stats` prints. DuckDB ships as a
Python package with zfxxgk, so SQL needs no separate command-line program: this
command opens the run folder with its tables registered as views and prints the
answer as a table, CSV or JSON.
"""

from __future__ import annotations

import io
import re
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


# The views VIEWS_HELP names, the ones a researcher's query is meant to read.
VIEWS = ("reports", "cells", "findings", "indicators", "growth", "reports_all", "cells_all",
         "findings_all", "dropped")


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
    try:
        cur = con.execute(query)
    except Exception as e:  # DuckDB's errors: all are the user's SQL
        raise click.ClickException(explain(con, query, str(e))) from None
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


def explain(con: Any, query: str, error: str) -> str:
    """A refused query as a researcher reads it: a Chinese sentence first (an unknown
    column with the columns its views have, an unknown view with the views there
    are, a syntax error with where it is), then DuckDB's own text as the detail.
    DuckDB's English alone (`Binder Error: Referenced column ...`) said nothing to
    a reader who came for the figures."""
    column = re.search(r'Referenced column "([^"]+)" not found|does not have a column named "([^"]+)"', error)
    table = re.search(r"Table with name (\S+) does not exist", error)
    if column:
        named = [v for v in VIEWS if re.search(rf"\b{v}\b", query)] or list(VIEWS[:3])
        lead = [f"没有名为 {column.group(1) or column.group(2)} 的列。"]
        lead += [f"{v} 的列：{'、'.join(_columns(con, v))}" for v in named]
    elif table:
        lead = [f"没有名为 {table.group(1)} 的视图或表。可以查询的视图：{'、'.join(VIEWS)}（zfxxgk sql --help 说明各视图）。"]
    elif error.startswith("Parser Error"):
        lead = [f"SQL 语法错误{_where(error)}：请检查拼写、引号和括号。"]
    elif function := re.search(r"No function matches the given name and argument types '([^(']+)\(([^']*)\)'", error):
        lead = [f"函数 {function.group(1)} 不能用于 {function.group(2)} 类型的值{_where(error)}；"
                "文字的数字可先用 cast(… as double) 转换。"]
    else:
        lead = [f"SQL 无法执行{_where(error)}。"]
    detail = "\n".join("  " + line for line in error.strip().splitlines() if line.strip())
    return "\n".join(lead) + "\nDuckDB 的说明：\n" + detail


def _columns(con: Any, view: str) -> list[str]:
    return [d[0] for d in con.execute(f"select * from {view} limit 0").description]


def _where(error: str) -> str:
    """'（第 1 行第 8 个字符，“selec”处）' from DuckDB's LINE and caret lines."""
    near = re.search(r'at or near "([^"]*)"', error)
    lines = error.splitlines()
    for i, line in enumerate(lines[:-1]):
        found = re.match(r"LINE (\d+): ", line)
        caret = lines[i + 1].find("^")
        if found and caret >= len(found.group(0)):
            at = f"，“{near.group(1)}”处" if near else ""
            return f"（第 {found.group(1)} 行第 {caret - len(found.group(0)) + 1} 个字符{at}）"
    return "（语句在末尾不完整）" if "end of input" in error else ""
