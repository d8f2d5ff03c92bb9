"""`zfxxgk cases import`: a 台账 (.xlsx register) into a data folder's database,
the same import as the web page: columns found by their names (or given with
--map), every row read or refused with its row number, all rows or none, and a
case number the agency already has never imported twice.

Exit status: 0 imported (or, with --dry-run, importable); 1 when the file or any
row has an error — then nothing is stored.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..cases.ledger import FIELDS, Preview
from ..cases.model import Channel
from ..errors import ZfxxgkError
from . import refusals
from .compile import data_option, open_store

_BY_NAME = {f.code: f.code for f in FIELDS} | {f.label: f.code for f in FIELDS}
_CHANNELS = {c.value: c for c in Channel} | {c.label: c for c in Channel}


def parse_maps(maps: tuple[str, ...]) -> dict[str, int | None]:
    """`收到申请日期=F`, `outcome=9`, `subject=` (leave out) -> field code -> column index."""
    from openpyxl.utils import column_index_from_string

    out: dict[str, int | None] = {}
    for m in maps:
        name, sep, col = m.partition("=")
        code = _BY_NAME.get(name.strip())
        if not sep or code is None:
            known = "、".join(f"{f.label}（{f.code}）" for f in FIELDS)
            raise click.UsageError(f"--map 应写作 字段=列，如 收到申请日期=F；字段可为：{known}")
        col = col.strip().upper()
        if not col:
            out[code] = None
        elif col.isdigit() and int(col) >= 1:
            out[code] = int(col) - 1
        else:
            try:
                out[code] = column_index_from_string(col) - 1
            except ValueError:
                raise click.UsageError(f"--map {m}：列应为字母（如 F）或从1起的序号") from None
    return out


def _echo_preview(p: Preview) -> None:
    if p.header is not None:
        click.echo(f"工作表“{p.sheet}”，表头在第{p.header.line}行。列映射：", err=True)
        for f in FIELDS:
            col = p.column_name(f.code) or "（无）"
            click.echo(f"  {f.label}{'（必需）' if f.required else ''}：{col}", err=True)
    for e in p.errors + p.row_errors:
        click.echo(f"错误：{e}", err=True)
    for r in p.rows:
        for w in r.warnings:
            click.echo(f"提示：第{r.line}行（{r.number}）：{w}", err=True)


def _ledger_bytes(file: Path) -> bytes:
    """The register's bytes, read as every input is (ingest.text.read_path): a named
    pipe no longer waits for ever, a file past the ledger's limit is not read whole."""
    from ..cases.ledger.sheet import MAX_BYTES
    from ..ingest.text import LoadOptions, read_path

    try:
        return read_path(file, LoadOptions(max_bytes=MAX_BYTES))
    except ZfxxgkError as e:
        raise click.ClickException(f"{e}；没有导入任何申请") from None


@click.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--agency", required=True, help="受理申请的机关名称（或机关标识）；数据库中没有时新建。")
@data_option()
@click.option("--dry-run", is_flag=True, default=False, help="只预览和检查，不写入数据库。")
@click.option("--sheet", default=None, help="工作表名称，默认自动选择有表头的工作表。")
@click.option("--header-line", type=click.IntRange(1, 30), default=None,
              help="表头所在行（Excel 行号），默认自动查找。")
@click.option("--map", "maps", multiple=True, metavar="字段=列",
              help="指定某字段所在的列，如 收到申请日期=F 或 outcome=9；“字段=”表示不导入该字段；可重复。")
@click.option("--default-channel", default=None, type=click.Choice(sorted(_CHANNELS)), metavar="申请方式",
              help="台账没有申请方式一列时，所有申请的申请方式："
                   + "、".join(c.label for c in Channel) + "（或其代码 " + "、".join(c.value for c in Channel) + "）。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式：text 为中文说明，json 为预览和导入结果。")
def import_ledger(file: Path, agency: str, data: Path | None, dry_run: bool, sheet: str | None,
                  header_line: int | None, maps: tuple[str, ...], default_channel: str | None,
                  fmt: str) -> None:
    """导入依申请公开台账（Excel 的 .xlsx、.xls 或 WPS 的 .et）：按列名识别各列，逐行检查，有一行出错则不导入任何申请；同一编号不重复登记。

    例：zfxxgk cases import 2025年台账.xlsx --agency 青禾市自然资源局 --data 数据 --dry-run
    """
    overrides = parse_maps(maps)
    channel = _CHANNELS[default_channel] if default_channel else None
    open_store(data)
    from ..web.cases import importing
    from ..web.cases.store import StoreError

    raw = _ledger_bytes(file)
    with refusals(StoreError, suffix="；没有导入任何申请"):
        target = importing.agency_named(agency, create=False)
        p = importing.make_preview(raw, target, sheet=sheet, header_line=header_line,
                                   default_channel=channel)
        if overrides:
            mapping = {**p.mapping, **overrides}
            p = importing.make_preview(raw, target, sheet=sheet or p.sheet or None,
                                       header_line=header_line, mapping=mapping,
                                       default_channel=channel)
        planned = importing.plan(p, target)[0] if p.ok and target.pk else None
        done = None
        if p.ok and not dry_run:
            done = importing.commit(p, importing.agency_named(agency, create=True), None, file.name)
    if fmt == "json":
        from ..web.cases.importing import import_data

        click.echo(json.dumps(import_data(p, planned, done), ensure_ascii=False, indent=1))
    else:
        _echo_preview(p)
    if not p.ok:
        problems = len(p.errors) + len(p.row_errors)
        raise click.ClickException(f"{file.name}：有{problems}处错误，没有导入任何申请")
    if done is not None:
        click.echo(f"已导入{file.name}：{done.summary()}。", err=True)
        if done.conflicts:
            click.echo(f"与数据库中记录不同、未覆盖：{'、'.join(done.conflicts)}", err=True)
    else:
        n = len(p.rows)
        what = planned.summary() if planned else f"新增{n}件"
        click.echo(f"预览：{n}行均可导入（{what}）；去掉 --dry-run 即写入数据库。", err=True)
