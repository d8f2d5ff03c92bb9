"""`zfxxgk fetch`: a thin face over zfxxgk.acquire."""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

import click

from . import progress_bar

KIND_ZH = {"list": "列表页", "report": "报告页（网页即报告）", "page": "报告页（附件另存）",
           "attachment": "附件", "skipped": "跳过"}


@click.command()
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@click.option("--out", required=True, metavar="DIR",
              help="保存下载文件和 fetched.jsonl（每个网址一行：来源、状态、保存位置、SHA-256）的文件夹；"
                   "再次运行时只下载有变化的文件，中断后接着下载。")
@click.option("--delay", type=click.FloatRange(0, 3600), default=1.0, show_default=True,
              metavar="SECONDS", help="对同一网站两次请求之间至少间隔的秒数。")
@click.option("--max-pages", type=click.IntRange(1, 10000), default=100, show_default=True,
              metavar="N", help="每个起始网址最多读取的列表页数（翻页）。")
@click.option("--follow-external", is_flag=True,
              help="也下载其他网站上的报告和附件（默认只下载起始网址所在网站的）。")
@click.option("--user-agent", metavar="TEXT", default=None,
              help="请求头 User-Agent（默认写明 zfxxgk 及其用途）；只能用 ASCII 字符。")
@click.option("--progress/--no-progress", default=None,
              help="显示进度条（默认：标准错误输出是终端时显示）。")
def fetch(urls: tuple[str, ...], out: str, delay: float, max_pages: int, follow_external: bool,
          user_agent: str | None, progress: bool | None) -> None:
    """下载政府信息公开年报栏目：从列表页翻页找到各年度报告，保存报告网页及其附件（PDF、Word、WPS、Excel、图片）。

    “网址”可以是年报栏目的列表页，也可以是一篇报告的网页。遵守 robots.txt；只下载起始网站上的文件
    （--follow-external 除外）；对同一网站一次只发一个请求，间隔 --delay 秒，服务器繁忙（429、5xx）时
    按其要求或成倍延长等待后重试。文件夹/fetched.jsonl 记录每个网址的来源、状态和保存位置；
    之后 zfxxgk batch 文件夹 只处理其中的报告和附件，并在结果中注明每份报告的网址（source_url）。

    \b
    退出状态：全部下载成功或按说明的理由跳过（robots.txt、站外、重复）时为 0；有网址下载失败时为 2。

    \b
    例：zfxxgk fetch https://www.example.gov.cn/zfxxgk/ndbg/ --out 年报/
        zfxxgk batch 年报/ --out 结果/
        zfxxgk stats 结果/
    """
    from ..acquire import Options, Policy, fetch as run_fetch

    for url in urls:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise click.BadParameter(f"{url} 不是 http 或 https 网址", param_hint="URL")
    if user_agent is not None and not user_agent.isascii():
        raise click.BadParameter("只能用 ASCII 字符", param_hint="--user-agent")
    policy = Policy(delay=delay) if user_agent is None else Policy(delay=delay, user_agent=user_agent)
    bar = progress_bar(progress)
    task = bar.add_task("下载", total=None) if bar is not None else None

    def on_step(crawl: Any, url: str) -> None:
        if bar is not None:
            done = crawl.outcome.visited
            bar.update(task, completed=done, total=done + len(crawl.queue), description=f"下载 {_short(url)}")

    try:
        with bar or contextlib.nullcontext():
            outcome = run_fetch(list(urls), out, policy,
                                Options(follow_external=follow_external, max_pages=max_pages),
                                progress=on_step)
    except OSError as e:
        raise click.ClickException(f"无法写入 {out}：{e.strerror or e}") from None
    except KeyboardInterrupt:
        click.echo("已中断。已下载的文件和记录都保留着，再次运行同样的命令会接着下载。", err=True)
        click.get_current_context().exit(130)
    click.echo(format_outcome(outcome, out))
    click.get_current_context().exit(2 if outcome.failed else 0)


def _short(url: str, width: int = 60) -> str:
    return url if len(url) <= width else "…" + url[-(width - 1):]


def format_outcome(o: Any, out: str) -> str:
    order = list(KIND_ZH)
    kinds = "，".join(f"{KIND_ZH.get(k, k)} {o.kinds[k]}"
                     for k in sorted(o.kinds, key=lambda k: order.index(k) if k in order else 99))
    lines = [f"访问 {o.visited} 个网址：{kinds or '无'}。",
             f"本次下载 {o.downloaded} 个，未变化（304）{o.not_modified} 个，"
             f"上次中断前已完成 {o.already_done} 个，失败 {o.failed} 个。",
             f"下载记录：{os.path.join(out, 'fetched.jsonl')}；接着运行 zfxxgk batch {out} --out 结果/"]
    reasons = Counter((e.reason or "").split("（")[0] for e in o.skips)
    if reasons:
        lines.append("跳过：" + "；".join(f"{r} {n} 个" for r, n in reasons.items()))
    if o.failures:
        lines.append("失败的网址（再次运行同样的命令会重试）：")
        lines.extend(f"  {e.url}：{e.error}" for e in o.failures[:10])
        if o.failed > 10:
            lines.append(f"  ……另有 {o.failed - 10} 个")
    return "\n".join(lines)
