"""`zfxxgk cases retention`: anonymise the applicants of cases closed longer than
the retention period, in the data folder's database (one transaction, audit-logged)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from . import refusals
from .cases import today_option
from .compile import data_option, open_store


@click.command(name="retention")
@data_option()
@click.option("--days", type=click.IntRange(1, None), default=None,
              help="保存期限（天），默认为环境变量 ZFXXGK_RETENTION_DAYS，未设置时为 1095 天（三年）。")
@today_option
@click.option("--dry-run", is_flag=True, default=False, help="只列出到期的案件，不作改动。")
def retention(data: Path | None, days: int | None, today: date | None, dry_run: bool) -> None:
    """办结满保存期限的案件：删除申请人姓名、证件号码和联系方式（匿名化），保留申请人类型、日期和办理结果，
    历年年报仍可重新编制。

    例：zfxxgk cases retention --data 数据 --dry-run
    """
    open_store(data)
    from ..web.cases import store

    with refusals(store.StoreError):
        done = store.apply_retention(None, today, days, dry_run)
    verb = "到期、将匿名化" if dry_run else "已匿名化"
    click.echo(f"{verb}{len(done)}件：{'、'.join(done) if done else '无'}", err=True)
