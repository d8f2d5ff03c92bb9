"""`zfxxgk batch`, `zfxxgk aggregate`, `zfxxgk stats`: thin faces over zfxxgk.corpus."""

from __future__ import annotations

import contextlib
import os
from typing import Any

import click

from ..errors import ZfxxgkError
from . import progress_bar, refusals, write_out


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", "out", required=True, metavar="DIR",
              help="输出文件夹：reports.jsonl、cells.parquet/、findings.parquet/、errors.jsonl 等；"
                   "已有上次中断的结果时接着处理。")
@click.option("--jobs", "-j", type=click.IntRange(1, 512), default=None,
              help="本机并行的工作进程数，默认等于 CPU 核数。")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local：本机进程池；dask：Dask 集群（需安装 zfxxgk[dask]）。")
@click.option("--scheduler", metavar="ADDR", default=None,
              help="--engine dask 时 Dask 调度器的地址（如 tcp://10.0.0.5:8786）；不给出时在本机启动 LocalCluster。")
@click.option("--chunk-size", type=click.IntRange(1, 10000), default=32, show_default=True,
              help="每个任务处理的文件数：越大调度开销越小，中断时重做的也越多。")
@click.option("--provenance", is_flag=True,
              help="reports.jsonl 中保留 provenance（每个数字在原文中的位置），文件会大很多。")
@click.option("--progress/--no-progress", default=None,
              help="显示进度条（默认：标准错误输出是终端时显示）。")
@click.option("--no-ocr", is_flag=True,
              help="不做文字识别：扫描件 PDF 和图片中的报告不读取（记入 errors.jsonl 或报告为扫描件）。")
def batch(inputs: tuple[str, ...], out: str, jobs: int | None, engine: str,
          scheduler: str | None, chunk_size: int, provenance: bool,
          progress: bool | None, no_ocr: bool) -> None:
    """批量处理一个地区、一个年度乃至全国的报告：解析、核查，输出 JSON Lines 和 Parquet。

    “输入”可以是文件、文件夹（递归查找）或 zip 压缩包，格式不限（文本、PDF、OFD、Word、网页、Excel），按内容识别。
    无法处理的文件记入输出文件夹的 errors.jsonl，不会中断运行。中断后用同样的命令重新运行，
    已处理的文件（按内容的 SHA-256 识别）不再处理，结果不重复、不丢失。

    \b
    例：zfxxgk batch 报告/ 2023年报.zip --out 结果/
        zfxxgk batch 报告/ --out 结果/ --jobs 8
        zfxxgk batch 报告/ --out 结果/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from ..corpus.engines import LocalEngine
    from ..corpus.run import run_batch

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler 只能与 --engine dask 一起使用")
    if no_ocr:  # the worker processes inherit it (ingest.text.LoadOptions.ocr)
        os.environ["ZFXXGK_NO_OCR"] = "1"
    with refusals(ZfxxgkError), refusals(OSError, prefix=f"无法连接 Dask 调度器 {scheduler}："):
        if engine == "dask":
            from ..corpus.dask_engine import DaskEngine

            runner: Any = DaskEngine(scheduler, workers=jobs)
        else:
            runner = LocalEngine(jobs)

    bar = progress_bar(progress, rate="份")
    task = None

    def on_total(n: int) -> None:
        nonlocal task
        if bar is not None:
            task = bar.add_task("处理报告", total=n)

    def on_progress(s: Any) -> None:
        if bar is not None and task is not None:
            done = s.processed + s.already_done + s.same_content + s.skipped
            total = bar.tasks[0].total or 0
            bar.update(task, completed=done, total=max(total, done))

    with bar or contextlib.nullcontext():
        summary = run_batch(inputs, out, runner, chunk_size=chunk_size, provenance=provenance,
                            progress=on_progress, total_hint=on_total)
    click.echo(format_summary(summary, out))
    click.get_current_context().exit(2 if summary.failed else 0)


def format_summary(s: Any, out: str) -> str:
    lines = [f"读取 {s.inputs} 份：本次处理 {s.processed} 份，成功 {s.reports} 份，失败 {s.failed} 份；"
             f"此前已完成 {s.already_done} 份，内容重复跳过 {s.same_content} 份"
             + (f"，按内容判断不是报告、未读取 {s.skipped} 个" if s.skipped else "") + "。",
             f"用时 {s.seconds:.1f} 秒，每秒 {s.rate:.1f} 份。",
             f"{out} 中共有报告 {s.total_reports} 份，失败记录 {s.total_errors} 条；"
             + (f"未读取的文件 {s.total_skipped} 个；" if s.total_skipped else "")
             + f"与同一机关上一年度报告对照发现的问题 {s.cross_year} 条。"]
    if s.settled:
        lines.append(f"另有 {s.settled} 份报告连写的“上年结转”数字用同一机关上一年度的报告重新拆分。")
    lines += _listed("失败的文件（详见 errors.jsonl）：", s.errors, s.failed, "份")
    lines += _listed("未读取的文件（按内容判断不是报告；errors.jsonl 中 kind 为 Skipped）：",
                     s.skipped_files, s.skipped, "个")
    return "\n".join(lines)


def _listed(title: str, records: list[dict[str, Any]], n: int, unit: str) -> list[str]:
    """The first ten files of a kind with their reasons, and how many more."""
    if not records:
        return []
    lines = [title] + [f"  {e['source']}：{e['error']}" for e in records[:10]]
    return lines + ([f"  ……另有 {n - 10} {unit}"] if n > 10 else [])


@click.command()
@click.argument("out_dir", metavar="DIR")
@click.option("--region", required=True, metavar="名称",
              help="地区名称（如 青禾市云岭区）：机关名称或所属地区以它开头的单位计入汇总。")
@click.option("--year", required=True, type=int, metavar="年", help="统计年度，如 2023。")
@click.option("-o", "--output", metavar="OUT.json", default=None,
              help="汇总报告（zfxxgk.report/1 JSON，scope 为 region）写入这个文件，默认输出到标准输出。")
@click.option("--units", "units_file", metavar="FILE", default=None,
              help="另把计入、未计入（及原因）、缺少报告的单位清单写成 JSON。")
def aggregate(out_dir: str, region: str, year: int, output: str | None,
              units_file: str | None) -> None:
    """由 zfxxgk batch 的结果汇总出一个地区的年度报告（各单位统计表相加）。

    “文件夹”是 zfxxgk batch 的输出文件夹。同一单位同一年度有多份报告时只取一份（解析最完整的）；
    数字不符合勾稽关系或表格格式与其他单位不同的报告不计入，并列出原因；往年有报告、本年度没有的单位列为缺少。
    地区自己的汇总报告（scope 为 region）不计入，以免重复相加。

    \b
    例：zfxxgk aggregate 结果/ --region 青禾市云岭区 --year 2023 -o 云岭区2023汇总.json
        zfxxgk render 云岭区2023汇总.json --to docx -o 云岭区2023汇总.docx
    """
    from ..corpus.aggregate import aggregate as run_aggregate, format_summary
    from ..model import dumps, report_to_json

    with refusals(ZfxxgkError):
        summary = run_aggregate(out_dir, region, year)
    write_out(output, report_to_json(summary.report, provenance=False) + "\n")
    if units_file:
        write_out(units_file, dumps(summary.to_dict(), indent=1) + "\n")
    click.echo(format_summary(summary), err=True)


def _basis_choices(values: tuple[str, ...]) -> dict[str, str]:
    """`--basis 指标=口径` options -> {indicator code: basis code}, checked."""
    from ..corpus.indicators import by_code

    choices = {}
    for value in values:
        code, _, basis = value.partition("=")
        try:
            by_code(code).basis(basis)
        except KeyError:
            raise click.BadParameter(f"没有这个指标或口径：{value}（zfxxgk stats --basis-list 列出全部）",
                                     param_hint="--basis") from None
        choices[code] = basis
    return choices


@click.command()
@click.argument("out_dir", metavar="DIR", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json", "xlsx"]), default="text",
              show_default=True, help="text：中文表格；csv：长表，列为 section,year,scope,key,label,value,share,note；"
                                      "json：各部分的数组；xlsx：Excel（需 -o；不加 --by 时每部分一个工作表）。")
@click.option("--by", type=click.Choice(["agency", "region", "year"]), default=None,
              help="按机关、地区或年度列出指标（实质公开率、复议纠错率等），每个数值附公式、分子、分母。")
@click.option("--basis", "bases", multiple=True, metavar="指标=口径",
              help="改用另一口径，如 disclosure_rate=decided；可多次给出。")
@click.option("--basis-list", is_flag=True, help="列出全部指标及其口径、公式，然后退出。")
@click.option("--html", "html_out", metavar="OUT", default=None,
              help="另生成带图表的网页（ECharts 已内嵌，离线可看）：指标表、排名、地区对比、热力图，每个数字链接到它来自的报告和单元格。")
@click.option("-o", "--output", metavar="OUT", default=None, help="统计结果写入这个文件，默认输出到标准输出。")
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="“新收申请最多的机关”每个年度（本机关、区域汇总各）列出多少个。")
def stats(out_dir: str | None, fmt: str, by: str | None, bases: tuple[str, ...], basis_list: bool,
          html_out: str | None, output: str | None, top: int) -> None:
    """批量结果的统计和指标（DuckDB 读取 Parquet）。

    各年度报告数、各规则的问题占比、申请办理结果和申请人类型、申请最多的机关、缺少年度报告的机关、
    各部分照搬上年文字的报告；--by 按机关、地区或年度给出实质公开率等指标。

    每个机关每个年度只计一份报告（重复的列出）；地区汇总报告与各机关本级报告分开统计，不相加。
    指标按组合计：分子之和除以分母之和（只计分子、分母都已知的报告）；分母为 0 或有空格时为空，不当作 0。

    \b
    例：zfxxgk stats 结果/
        zfxxgk stats 结果/ --by agency --format xlsx -o 指标.xlsx
        zfxxgk stats 结果/ --by region --basis disclosure_rate=decided
        zfxxgk stats 结果/ --format csv -o 统计.csv --html 统计.html
        zfxxgk stats 结果/ --format xlsx -o 统计.xlsx
    """
    from ..corpus import stats as stats_mod

    if basis_list:
        _print_bases()
        return
    if out_dir is None:
        raise click.UsageError("缺少参数 DIR（zfxxgk batch 的输出文件夹）")
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx 需要用 -o 给出文件名")
    choices = _basis_choices(bases)
    with refusals(ZfxxgkError):
        data = stats_mod.compute(out_dir, top=top) if by is None or html_out else {}
        if by is not None:
            _indicator_output(out_dir, by, choices, fmt, output)
        elif fmt == "xlsx":
            from ..corpus.stats_xlsx import to_xlsx

            write_out(output, to_xlsx(data))
            click.echo(f"已写入 {output}（{len(data)} 个工作表）", err=True)
        else:
            text = {"text": stats_mod.format_text, "csv": stats_mod.format_csv,
                    "json": stats_mod.format_json}[fmt](data)
            write_out(output, text)
        if html_out:
            from ..corpus.charts import render_page
            from ..corpus.indicator_page import indicator_section

            page = render_page(data, extra=indicator_section(out_dir, choices))
            write_out(html_out, page)
            click.echo(f"图表网页：{html_out}", err=True)


def _print_bases() -> None:
    from ..cli import format_table
    from ..corpus.indicators import describe

    rows = [("指标代码=口径代码", "指标", "口径", "默认", "公式")]
    rows += [(f"{d['code']}={d['basis']}", d["name"], d["basis_name"], d["default"], d["formula"])
             for d in describe()]
    click.echo(format_table(rows))


def _indicator_output(out_dir: str, by: str, choices: dict[str, str], fmt: str,
                      output: str | None) -> None:
    from ..cli import format_table
    from ..corpus import indicator_tables as tables
    from ..corpus.indicators_sql import grouped
    from ..model import dumps
    from .sql import open_run

    rows = grouped(open_run(out_dir), by, choices, evidence=fmt == "json")
    if fmt == "xlsx":
        write_out(output, tables.to_xlsx(rows, by))
        click.echo(f"已写入 {output}（{len(rows)} 行）", err=True)
        return
    text = {"text": lambda: format_table(tables.table(rows, by)) + "\n\n" + tables.formulas_text() + "\n",
            "csv": lambda: tables.to_csv(rows, by),
            "json": lambda: dumps({"schema": "zfxxgk.indicators/1", "by": by, "rows": rows},
                                  indent=1) + "\n"}[fmt]()
    write_out(output, text)
