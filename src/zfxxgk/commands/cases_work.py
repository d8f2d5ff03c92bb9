"""`zfxxgk cases work`: the work lists of a data folder's cases on the command line —
what the web application's 工作清单 and 提醒 show, for a morning e-mail or a cron job.
Exit status 0; 4 when something is overdue or an applicant's period has run out, so a
script can alert on it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from ..standard.dates import zh_date

from .cases import format_option, today_option
from .compile import data_option, open_store

EXIT_ATTENTION = 4

SECTIONS = (("overdue", "已超期"), ("due_soon", "即将到期"),
            ("waiting_for_applicant", "等待申请人补正或缴费"), ("waiting_for_party", "征求意见中"))


@click.command(name="work")
@data_option()
@today_option
@format_option
def work(data: Path | None, today: date | None, fmt: str) -> None:
    """工作清单：已超期、即将到期、等待申请人、征求意见中、待确认收到的申请（与网页版相同）。
    有超期或申请人期限已届满的事项时退出状态为 4。

    例：zfxxgk cases work --data 数据
    """
    open_store(data)
    from ..web.cases import data as case_data

    lists = case_data.work_lists(today)
    if fmt == "json":
        click.echo(json.dumps(lists, ensure_ascii=False, indent=2))
    else:
        click.echo(f"工作清单（{zh_date(date.fromisoformat(lists['today']))}）")
        for key, title in SECTIONS:
            items = lists[key]
            click.echo(f"\n{title}（{len(items)}）")
            for w in items:
                todo = f"  → 请{w['action_label']}" if w["action_label"] else ""
                click.echo(f"  {w['describe']}  {w['agency']}  {w['subject']}{todo}")
        waiting = lists["awaiting_confirmation"]
        click.echo(f"\n待确认收到（{len(waiting)}）")
        for c in waiting:
            click.echo(f"  {c['number']}  {c['agency']}  {c['subject']}")
    attention = lists["overdue"] or any(w["expired"] for w in lists["waiting_for_applicant"])
    if attention:
        raise SystemExit(EXIT_ATTENTION)
