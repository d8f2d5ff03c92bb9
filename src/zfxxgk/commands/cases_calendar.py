"""`zfxxgk cases calendar add FILE --data DIR`: enter a year's holiday notice into a
data folder's database, the same entry as the web application's 工作日历 page —
every open case recomputed in one transaction — and list the deadlines that moved,
so the clerk can tell the applicants concerned.

Exit status: 0 entered; 1 when the file is refused or an open case no longer holds on
the new calendar (then nothing is stored).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..ingest.text import LoadOptions, read_path
from . import refusals

# A year's holidays are a few hundred bytes of TOML.
CALENDAR_MAX_BYTES = 1024 * 1024
from .cases import format_option
from .compile import data_option, open_store


@click.group(name="calendar")
def calendar() -> None:
    """工作日历：录入国务院办公厅当年的节假日安排，重新计算未办结申请的期限。"""


@calendar.command(name="add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_option()
@format_option
def add(file: Path, data: Path | None, fmt: str) -> None:
    """录入一年的节假日安排（格式同 cases/calendars/YYYY.toml，或国务院办公厅通知连同标题的全文），重新计算未办结申请的期限，列出变动的期限。

    例：zfxxgk cases calendar add 2027.toml --data 数据
    """
    open_store(data)
    from ..web.cases.calendar_entry import calendar_data, enter_year
    from ..web.cases.store import StoreError

    with refusals(StoreError, prefix=f"{file.name}："):
        row, changes = enter_year(read_path(file, LoadOptions(max_bytes=CALENDAR_MAX_BYTES)), None)
    if fmt == "json":
        out = calendar_data(changes)
        out["entered"] = {"year": row.year, "version": row.version, "source": row.source}
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    click.echo(f"已录入{row.year}年节假日安排（{row.source}，版本 {row.version}）。")
    moved = [c for c in changes if c.moved]
    if not changes:
        click.echo("没有未办结申请的期限受影响。")
    elif not moved:
        click.echo(f"{len(changes)}项期限日期不变，已记下新的日历版本。")
    else:
        click.echo(f"{len(moved)}项期限变动（已告知申请人的答复期限须另行告知）：")
        for c in moved:
            click.echo(f"  {c.describe()}")
